// ctf_fields_bench TRACE [N]
// Fields of N events (default 100) at the end of a CTF trace, read the way
// `aioscope events --from T` and the Events dock read them, against a full
// decode of the trace by babeltrace2 (`babeltrace2 TRACE -o dummy`), in the
// same command, alternating, medians of 5:
//   seek:  CtfFieldReader as it is (only the packets around the events),
//          opened fresh each time (its packet index and preflight included);
//   whole: CtfFieldReader::Mode::WholeTrace (the trace read again up to the
//          last wanted event, as before seeking).
// A big trace: the engine's own lttng-ust events under a private
// lttng-sessiond (3 events a request; 1.4M requests give 4.2M events, 409 MB):
//   AIOSCOPE_LTTNG_SUBBUF=1M AIOSCOPE_LTTNG_NUM_SUBBUF=16 traces/lttng/record.sh OUTDIR \
//       build/app/aioscope --designs io_uring --workload randread --requests 1400000 --no-kernel-trace
#include "trace/CtfFieldReader.h"
#include "trackers/TraceImporter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace aioscope;

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double babeltraceSeconds(const std::string& trace) {
    const double start = now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl("/usr/bin/babeltrace2", "babeltrace2", trace.c_str(), "-o", "dummy", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "ctf_fields_bench: babeltrace2 %s -o dummy failed\n", trace.c_str());
        std::exit(1);
    }
    return now() - start;
}

struct Pass {
    double seconds = 0;
    trace::CtfFieldReader::Stats stats;
    std::string last;
};

Pass readFields(const trace::EventIndex& index, const std::vector<std::size_t>& ids, trace::CtfFieldReader::Mode mode) {
    Pass pass;
    const double start = now();
    trace::CtfFieldReader reader(index, mode);
    auto r = reader.read(ids, [&](std::size_t, const trace::RawEvent& e) {
        pass.last = std::string(e.name);
        for (const auto& f : e.fields)
            pass.last += " " + std::string(f.name) + "=" + std::string(f.text);
    });
    pass.seconds = now() - start;
    if (!r) {
        std::fprintf(stderr, "ctf_fields_bench: %s\n", r.error().message.c_str());
        std::exit(1);
    }
    if (mode == trace::CtfFieldReader::Mode::Seek && !reader.whyNotSliced().empty())
        std::printf("  (not sliced: %s)\n", reader.whyNotSliced().c_str());
    pass.stats = reader.stats();
    return pass;
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: ctf_fields_bench TRACE [N]\n");
        return 2;
    }
    const std::string trace = argv[1];
    const std::size_t n = argc > 2 ? std::stoull(argv[2]) : 100;
    auto run = trackers::importTrace(trace);
    if (!run) {
        std::fprintf(stderr, "ctf_fields_bench: %s\n", run.error().message.c_str());
        return 1;
    }
    const trace::EventIndex& index = *run->eventIndex;
    std::vector<std::size_t> ids;
    for (std::size_t i = index.size() - std::min(n, index.size()); i < index.size(); ++i)
        ids.push_back(i);
    std::printf("%s: %zu events; fields of the last %zu\n", trace.c_str(), index.size(), ids.size());

    std::vector<double> bt, seek, whole;
    Pass s, w;
    for (int i = 0; i < 5; ++i) {
        bt.push_back(babeltraceSeconds(trace));
        s = readFields(index, ids, trace::CtfFieldReader::Mode::Seek);
        seek.push_back(s.seconds);
        w = readFields(index, ids, trace::CtfFieldReader::Mode::WholeTrace);
        whole.push_back(w.seconds);
    }
    if (s.last != w.last) {
        std::fprintf(stderr, "ctf_fields_bench: the two reads differ:\n  %s\n  %s\n", s.last.c_str(), w.last.c_str());
        return 1;
    }
    std::printf("  last event: %s\n", s.last.c_str());
    std::printf("babeltrace2 -o dummy (full decode): %.3f s\n", median(bt));
    std::printf("seek:  %.3f s, ratio %.4f of the full decode; %llu events decoded in %llu slice(s)\n", median(seek),
                median(seek) / median(bt), static_cast<unsigned long long>(s.stats.decodedEvents),
                static_cast<unsigned long long>(s.stats.slicedPasses));
    std::printf("whole: %.3f s, ratio %.4f of the full decode; %llu events decoded\n", median(whole),
                median(whole) / median(bt), static_cast<unsigned long long>(w.stats.decodedEvents));
    std::printf("(medians of 5, alternating babeltrace2 / seek / whole)\n");
    return 0;
}
