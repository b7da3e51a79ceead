#pragma once
// What a run did, for `placard --stats FILE`: frames and their times, each slide
// shown, memory and CPU. Benchmarks read it; nothing here changes behaviour.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace placard {

class RunStats {
public:
    void frame(double milliseconds, bool in_transition, double cpu_seconds);
    void slide(const std::string& id, double at_seconds);
    // Start-up ends at the first frame; idle CPU is counted from there on.
    void first_frame(double milliseconds, double cpu_seconds)
    {
        first_frame_ms_ = milliseconds;
        startup_cpu_ = cpu_seconds;
    }
    void texture_upload(std::size_t bytes) { ++texture_uploads_; texture_bytes_ += bytes; }
    void fetch(std::int64_t at, long status, std::size_t bytes, bool not_modified, std::string verdict, std::string error)
    {
        fetches_.push_back({at, status, bytes, not_modified, std::move(verdict), std::move(error)});
    }
    void note(std::string key, std::string value) { notes_.emplace_back(std::move(key), std::move(value)); }

    // Writes the JSON report; wall_seconds is how long the run lasted.
    Result<bool> write(const std::string& path, double wall_seconds) const;

private:
    struct Shown {
        std::string id;
        double at;
    };
    std::vector<double> frame_ms_;
    std::vector<double> transition_ms_;
    double transition_cpu_ = 0;
    double transition_wall_ = 0;
    std::vector<Shown> slides_;
    struct Fetch {
        std::int64_t at;
        long status;
        std::size_t bytes;
        bool not_modified;
        std::string verdict, error;
    };
    std::vector<Fetch> fetches_;
    double first_frame_ms_ = -1;
    double startup_cpu_ = 0;
    long texture_uploads_ = 0;
    std::size_t texture_bytes_ = 0;
    std::vector<std::pair<std::string, std::string>> notes_;
};

// CPU seconds this process has used (user + system).
double process_cpu_seconds();

}  // namespace placard
