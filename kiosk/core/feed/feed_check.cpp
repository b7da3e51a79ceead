#include "core/feed/feed_check.h"

#include <algorithm>

#include "core/feed/feed_rules.h"
#include "core/text/text.h"

namespace placard {

std::string problem_line(const FeedProblem& problem, std::size_t max_chars)
{
    // A character past the limit at most: enough to know whether it must be cut.
    const std::string message = one_line(problem.message, max_chars + 1);
    std::string line = message;
    if (!problem.pointer.empty()) {
        // The place takes what the message leaves; a plain one ("row 7,
        // published", "/items/3/date_published") is kept whole while there is
        // room for a word of the message, a long one (a hostile key) gets a third.
        const std::size_t message_chars = count_code_points(message);
        const std::size_t place_chars = count_code_points(one_line(problem.pointer, max_chars + 1));
        std::size_t room = max_chars > message_chars + 2 ? max_chars - message_chars - 2 : 0;
        if (place_chars <= 40 && max_chars > 4) room = std::max(room, std::min(place_chars, max_chars - 4));
        line = one_line(problem.pointer, std::max(room, max_chars / 3)) + ": " + message;
    }
    if (count_code_points(line) <= max_chars) return line;
    // After a whole word where that keeps most of it; else between characters.
    std::string at_word = cut_at_word(line, max_chars);
    return count_code_points(at_word) * 3 >= max_chars * 2 ? at_word : one_line(line, max_chars);
}

}  // namespace placard
