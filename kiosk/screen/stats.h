#pragma once
// What a run did, for `placard --stats FILE`: frames and their times, each slide
// shown, memory and CPU. Benchmarks read it; nothing here changes behaviour.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace placard {

class RunStats {
public:
    void frame(double milliseconds, bool in_transition, double cpu_seconds);
    void slide(const std::string& id, double at_seconds, bool photo = false);
    // Start-up ends at the first frame; idle CPU is counted from there on.
    void first_frame(double milliseconds, double cpu_seconds)
    {
        first_frame_ms_ = milliseconds;
        startup_cpu_ = cpu_seconds;
    }
    // A feed planned for the screen: the time it took, summed over the slices
    // the loop planned it in, and the CPU that took (kept out of idle CPU).
    // slices: how many turns of the loop it was planned in; loop_waits: how
    // often the loop waited for events (and pinged the watchdog) in between.
    struct Plan {
        std::size_t items = 0;
        std::size_t slides = 0;
        double milliseconds = 0;
        double cpu_seconds = 0;
        long slices = 0;
        long loop_waits = 0;
    };
    void planned(const Plan& plan)
    {
        plans_.push_back(plan);
        planning_cpu_ += plan.cpu_seconds;
    }
    // How far planning had come when the first frame was drawn.
    void first_frame_plan(std::size_t items_planned, std::size_t items_total)
    {
        first_frame_items_planned_ = static_cast<long>(items_planned);
        first_frame_items_total_ = static_cast<long>(items_total);
    }
    // The loop went this long without waiting for events (or pinging the
    // watchdog); start-up, before the first frame, is not counted.
    void loop_busy(double milliseconds) { longest_stall_ms_ = std::max(longest_stall_ms_, milliseconds); }
    // A frame in which only the progress bar's step was drawn and sent.
    void area_frame() { ++area_frames_; }
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
        bool photo = false;
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
    std::vector<Plan> plans_;
    double planning_cpu_ = 0;
    long first_frame_items_planned_ = -1;
    long first_frame_items_total_ = -1;
    double longest_stall_ms_ = 0;
    double startup_cpu_ = 0;
    long texture_uploads_ = 0;
    long area_frames_ = 0;
    std::size_t texture_bytes_ = 0;
    std::vector<std::pair<std::string, std::string>> notes_;
};

// CPU seconds this process has used (user + system).
double process_cpu_seconds();
// CPU seconds the calling thread has used.
double thread_cpu_seconds();

}  // namespace placard
