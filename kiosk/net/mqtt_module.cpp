// placard-mqtt.so's entry point (net/broker_channel.h): the kiosk loads the
// module when a screen has a status section, and calls this once a link.
#include <new>

#include "net/mqtt.h"

extern "C" __attribute__((visibility("default"))) placard::BrokerChannel* placard_open_broker_link(
    placard::BrokerSetup* setup, std::function<void()>* wake)
{
    return new (std::nothrow) placard::BrokerLink(std::move(*setup), std::move(*wake));
}
