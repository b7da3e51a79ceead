#include "net/broker_channel.h"

#include <cstdlib>
#include <mutex>

#include <dlfcn.h>

#include "net/own_files.h"

namespace placard {
namespace {

struct Module {
    OpenBrokerLink open = nullptr;
    std::string error;
};

// Loaded once and never unloaded: a link's thread runs the module's code
// until the link is gone, and the kiosk has at most one at a time.
const Module& module()
{
    static std::once_flag once;
    static Module m;
    std::call_once(once, [] {
        const char* named = std::getenv("PLACARD_MQTT_MODULE");
        const std::string path = named && *named ? std::string(named) : own_file("placard-mqtt.so", PLACARD_MQTT_INSTALLED);
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = ::dlerror();
            m.error = "cannot load the MQTT client " + path + " (" + (why ? why : "unknown error") +
                      "); reinstall the placard package";
            return;
        }
        m.open = reinterpret_cast<OpenBrokerLink>(::dlsym(handle, open_broker_link_symbol));
        if (!m.open) m.error = path + " is not Placard's MQTT client (no " + open_broker_link_symbol + "); reinstall the placard package";
    });
    return m;
}

}  // namespace

Result<std::unique_ptr<BrokerChannel>> open_broker_channel(BrokerSetup setup, std::function<void()> wake)
{
    const Module& m = module();
    if (!m.open) return Error{m.error, ErrorKind::environment};
    std::unique_ptr<BrokerChannel> link(m.open(&setup, &wake));
    if (!link) return Error{"the MQTT client could not start (out of memory?)", ErrorKind::environment};
    return link;
}

}  // namespace placard
