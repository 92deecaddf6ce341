#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/synthetic/SyntheticRunBuilder.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

namespace aioscope::guitest {

QStringList sampleTraces() {
    QDir dir(QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces"));
    QStringList out;
    for (const QString& f : dir.entryList({QStringLiteral("*.dat"), QStringLiteral("*.txt")}, QDir::Files, QDir::Name))
        out << dir.absoluteFilePath(f);
    return out;
}

bool waitForIndex(gui::TimelineView& view) {
    if (view.isReady())
        return true;
    QSignalSpy ready(&view, &gui::TimelineView::indexReady);
    return ready.wait(60000) || view.isReady();
}

bool openAndWait(gui::DocumentContext& context, gui::TimelineView* view, const QString& path, QString* message) {
    QSignalSpy finished(&context, &gui::DocumentContext::loadFinished);
    context.openPath(path);
    if (!finished.wait(120000)) {
        *message = QStringLiteral("timed out loading ") + path;
        return false;
    }
    const auto args = finished.takeFirst();
    *message = args.at(1).toString();
    if (!args.at(0).toBool())
        return false;
    return !view || waitForIndex(*view);
}

std::shared_ptr<const Session> syntheticSession(const char* spec) {
    gui::SyntheticRunBuilder::Params p;
    std::string error;
    if (!gui::SyntheticRunBuilder::parseSpec(spec, &p, &error))
        qFatal("bad synthetic spec %s: %s", spec, error.c_str());
    auto s = std::make_shared<Session>();
    s->runs.push_back(gui::SyntheticRunBuilder::build(p));
    return s;
}

std::vector<RequestId> leakingRequests(const Run& run) {
    std::vector<RequestId> out;
    for (RequestId id = 0; id < run.requests.size(); ++id)
        if ((run.requests.flags()[id] & kRequestLeak) && !run.segmentsOf(id).empty())
            out.push_back(id);
    return out;
}

} // namespace aioscope::guitest
