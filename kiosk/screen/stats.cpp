#include "screen/stats.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sys/resource.h>

#include <nlohmann/json.hpp>

namespace placard {
namespace {

nlohmann::json percentiles(std::vector<double> values)
{
    if (values.empty()) return nullptr;
    std::sort(values.begin(), values.end());
    auto at = [&](double p) {
        auto index = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size()))) ;
        return values[std::min(values.size() - 1, index == 0 ? 0 : index - 1)];
    };
    return {{"p50", at(50)}, {"p90", at(90)}, {"p99", at(99)}, {"max", values.back()}, {"count", values.size()}};
}

// Proportional set size from /proc, in KiB: this process's fair share of memory.
long pss_kib()
{
    std::ifstream in("/proc/self/smaps_rollup");
    std::string key;
    long value = 0;
    while (in >> key) {
        if (key == "Pss:" && in >> value) return value;
        in.ignore(4096, '\n');
    }
    return -1;
}

}  // namespace

double process_cpu_seconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double thread_cpu_seconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void RunStats::frame(double milliseconds, bool in_transition, double cpu_seconds)
{
    frame_ms_.push_back(milliseconds);
    if (in_transition) {
        transition_ms_.push_back(milliseconds);
        transition_cpu_ += cpu_seconds;
        transition_wall_ += milliseconds / 1000.0;
    }
}

void RunStats::slide(const std::string& id, double at_seconds, bool photo) { slides_.push_back({id, at_seconds, photo}); }

Result<bool> RunStats::write(const std::string& path, double wall_seconds) const
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                 + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    nlohmann::json shown = nlohmann::json::array();
    for (const auto& s : slides_) shown.push_back({{"id", s.id}, {"at_seconds", s.at}, {"photo", s.photo}});
    nlohmann::json fetch_list = nlohmann::json::array();
    for (const auto& f : fetches_)
        fetch_list.push_back({{"at_unix", f.at}, {"status", f.status}, {"bytes", f.bytes}, {"not_modified", f.not_modified},
                              {"verdict", f.verdict}, {"error", f.error}});
    nlohmann::json plan_list = nlohmann::json::array();
    for (const auto& p : plans_)
        plan_list.push_back({{"items", p.items}, {"slides", p.slides}, {"ms", p.milliseconds}, {"cpu_seconds", p.cpu_seconds},
                             {"slices", p.slices}, {"loop_waits", p.loop_waits}});
    double steady_wall = wall_seconds - std::max(0.0, first_frame_ms_) / 1000.0;
    double idle_wall = std::max(1e-9, steady_wall - transition_wall_);
    double idle_cpu = std::max(0.0, cpu - startup_cpu_ - transition_cpu_ - planning_cpu_);
    nlohmann::json report = {
        {"wall_seconds", wall_seconds},
        {"frames", frame_ms_.size()},
        {"frame_ms", percentiles(frame_ms_)},
        {"transition_frame_ms", percentiles(transition_ms_)},
        {"first_frame_ms", first_frame_ms_},
        {"longest_stall_ms", longest_stall_ms_},
        {"planning_ms", plans_.empty() ? -1.0 : plans_.back().milliseconds},
        {"planning_cpu_seconds", planning_cpu_},
        {"plans", plan_list},
        {"first_frame_items_planned", first_frame_items_planned_},
        {"first_frame_items_total", first_frame_items_total_},
        {"slides", shown},
        {"fetches", fetch_list},
        {"peak_rss_kib", usage.ru_maxrss},
        {"pss_kib_at_exit", pss_kib()},
        {"cpu_seconds", cpu},
        {"cpu_percent", 100.0 * cpu / std::max(1e-9, wall_seconds)},
        {"idle_cpu_percent", 100.0 * idle_cpu / idle_wall},
        {"startup_cpu_seconds", startup_cpu_},
        {"transition_cpu_seconds", transition_cpu_},
        {"texture_uploads", texture_uploads_},
        {"progress_only_frames", area_frames_},
        {"texture_upload_bytes", texture_bytes_},
    };
    for (const auto& [key, value] : notes_) report[key] = value;
    std::ofstream out(path);
    out << report.dump(2) << "\n";
    if (!out) return Error{path + ": cannot write the stats report; check the folder exists and is writable",
                           ErrorKind::environment};
    return true;
}

}  // namespace placard
