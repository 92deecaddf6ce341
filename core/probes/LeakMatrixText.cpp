#include "probes/LeakMatrixText.h"

#include <algorithm>
#include <vector>

namespace aioscope::probes {

namespace {

void addUnique(std::vector<std::string>& list, const std::string& value) {
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

std::string pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

} // namespace

const char* LeakMatrixText::shortVerdict(ProbeVerdict v) {
    switch (v) {
    case ProbeVerdict::Carried: return "carried";
    case ProbeVerdict::Leak: return "LEAK";
    case ProbeVerdict::NotObservable: return "n/o";
    case ProbeVerdict::Skipped: break;
    }
    return "skip";
}

std::string LeakMatrixText::render(const LeakMatrix& matrix) {
    std::vector<std::string> designs, probes;
    for (const auto& c : matrix.cells) {
        addUnique(designs, c.design);
        addUnique(probes, c.probe);
    }
    std::size_t first = 6;
    for (const auto& d : designs)
        first = std::max(first, d.size());
    first += 2;
    std::vector<std::size_t> widths;
    for (const auto& p : probes)
        widths.push_back(std::max<std::size_t>(p.size(), 7) + 2);

    std::string out = pad("design", first);
    for (std::size_t i = 0; i < probes.size(); ++i)
        out += pad(probes[i], widths[i]);
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    out += "\n";
    for (const auto& d : designs) {
        std::string row = pad(d, first);
        for (std::size_t i = 0; i < probes.size(); ++i) {
            const ProbeCell* c = matrix.find(d, probes[i]);
            row += pad(c ? shortVerdict(c->verdict) : "-", widths[i]);
        }
        while (!row.empty() && row.back() == ' ')
            row.pop_back();
        out += row + "\n";
    }
    out += "\ncarried = the executor acted with the submitter's value; LEAK = it acted with its own;\n"
           "n/o = not observable (reason below); skip = not run (reason below). Verdicts come from what\n"
           "the kernel did (EACCES, file owner, set-user-ID bit, SIGXFSZ receiver, opened file, poll readiness,\n"
           "the executing thread's ioprio/nice/CPUs), never from the design's name.\n";
    out += "kernel " + matrix.kernel + ", " + (matrix.ranAsRoot ? "ran as root" : "ran unprivileged") + ", taken " +
           matrix.takenUtc + "\n";

    std::string notes;
    for (const auto& c : matrix.cells) {
        if (c.verdict == ProbeVerdict::Carried)
            continue;
        std::string what = c.verdict == ProbeVerdict::Leak ? c.outcome : (c.reason.empty() ? c.outcome : c.reason);
        notes += "  " + c.design + " / " + c.probe + " (" + probeVerdictName(c.verdict) + "): " + what + "\n";
    }
    if (!notes.empty())
        out += "\n" + notes;
    return out;
}

} // namespace aioscope::probes
