#pragma once
// Masks what looks like a secret in a message meant for someone else's eyes (the dev mailbox's list):
// one-time codes and PINs (runs of 4 or more digits), long random tokens (10+ letters/digits/-/_ with both
// letters and digits), and the query and fragment of links (where reset and sign-in links carry theirs).
// It errs on the side of masking: a year or a phone number in a text is masked too.
#include <string>
#include <string_view>

namespace kiorex::notify {

std::string mask_secrets_in_text(std::string_view text);

}  // namespace kiorex::notify
