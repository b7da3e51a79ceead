#include "core/layout/qr.h"

#include <memory>
#include <string>

#include <qrencode.h>

namespace placard {

std::optional<QrMatrix> make_qr(std::string_view text)
{
    if (text.empty()) return std::nullopt;
    std::string data(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M),
                                                        &QRcode_free);
    if (!code) return std::nullopt;
    QrMatrix m;
    m.modules = code->width;
    m.dark.resize(static_cast<std::size_t>(m.modules * m.modules));
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;
    return m;
}

}  // namespace placard
