#pragma once
// A feed file on the device, for a screen that trusts public keys: it is
// handed over to be shown only when FILE.sig verifies over its exact bytes.
#include <string>
#include <vector>

#include "store/files.h"
#include "core/fetch/fetch_judge.h"
#include "core/trust/signature.h"

namespace placard {

struct SignedFeed {
    Result<LoadedFeed> feed;  // an error: unreadable, not a valid feed, or its signature refused
    SignatureCheck signature = SignatureCheck::not_checked;  // rejected: the error is about the signature
    KeyId signed_by{};
};

// An empty source is refused: the bundled demo feed is not signed.
SignedFeed load_signed_feed(const std::string& source, const std::vector<PublicKey>& keys);

}  // namespace placard
