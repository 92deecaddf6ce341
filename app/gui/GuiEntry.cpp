#include "gui/GuiEntry.h"

#include "gui/DocumentContext.h"
#include "gui/EngineScenario.h"
#include "gui/MainWindow.h"
#include "gui/events/EventListDock.h"
#include "gui/timeline/HandOffMoment.h"
#include "gui/timeline/Playback.h"
#include "model/Run.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace aioscope::gui {

namespace {
// With no file named, the app opens its built-in default: the io_uring
// sample trace in which buffered writes are punted to iou-wrk threads, so a
// first look already shows hand-offs and leaks. Looked up beside an
// installed binary, in the source tree it was built from, or in
// $AIOSCOPE_TRACES.
QString defaultSampleTrace() {
    const QString name = QStringLiteral("io_uring-buffered-write.dat");
    QStringList dirs;
    if (qEnvironmentVariableIsSet("AIOSCOPE_TRACES"))
        dirs << qEnvironmentVariable("AIOSCOPE_TRACES");
    const QString exeDir = QCoreApplication::applicationDirPath();
    dirs << exeDir + QStringLiteral("/../share/aioscope/traces") << exeDir + QStringLiteral("/../../traces")
         << QStringLiteral(AIOSCOPE_SOURCE_TRACES);
    for (const QString& dir : dirs) {
        const QFileInfo candidate(QDir(dir), name);
        if (candidate.isFile())
            return candidate.absoluteFilePath();
    }
    return {};
}

// `--run-engine
// designs=io_uring-async,workload=randwrite,requests=2000,qd=8,bs=4096,size=8M,threads=1,direct=1,dir=/tmp` (designs
// separated by '+' or ':' when more than one): what the engine dialog would run.
bool parseEngineSpec(const QString& spec, EngineScenario* out, QString* error) {
    EngineScenario s;
    s.directory = QDir::tempPath();
    for (const QString& part : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? QStringLiteral("designs") : part.left(eq).trimmed();
        const QString value = eq < 0 ? part.trimmed() : part.mid(eq + 1).trimmed();
        bool ok = true;
        if (key == QLatin1String("designs")) {
            s.designs = value.split(QRegularExpression(QStringLiteral("[+:]")), Qt::SkipEmptyParts);
        } else if (key == QLatin1String("workload")) {
            s.workload = value;
        } else if (key == QLatin1String("requests")) {
            s.requests = value.toInt(&ok);
        } else if (key == QLatin1String("qd")) {
            s.queueDepth = value.toInt(&ok);
        } else if (key == QLatin1String("bs")) {
            s.blockSize = value.toInt(&ok);
        } else if (key == QLatin1String("threads")) {
            s.threads = value.toInt(&ok);
        } else if (key == QLatin1String("size")) {
            const bool mib = value.endsWith(QLatin1Char('M'), Qt::CaseInsensitive);
            s.fileSize = (mib ? value.chopped(1) : value).toLongLong(&ok) * (mib ? (1 << 20) : 1);
        } else if (key == QLatin1String("direct")) {
            s.direct = value != QLatin1String("0");
        } else if (key == QLatin1String("dir")) {
            s.directory = value;
        } else {
            *error = QStringLiteral("--run-engine: unknown key '%1' (designs, workload, requests, qd, bs, threads, "
                                    "size, direct, dir)")
                         .arg(key);
            return false;
        }
        if (!ok) {
            *error = QStringLiteral("--run-engine: '%1' is not a number for %2").arg(value, key);
            return false;
        }
    }
    if (s.designs.isEmpty()) {
        *error = QStringLiteral("--run-engine: name at least one design (designs=io_uring-async)");
        return false;
    }
    *out = s;
    return true;
}
} // namespace

int runGui(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("aioscope");
    QApplication::setOrganizationName("aioscope");
    QApplication::setApplicationVersion(QStringLiteral(AIOSCOPE_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("aioscope: who is current when async I/O runs"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Trace, session (.aioscope) or synthetic:... to open"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Grab the window to PNG after loading, then quit"), QStringLiteral("png"));
    QCommandLineOption playAt(QStringLiteral("playback-at"), QStringLiteral("Set playback to this fraction (0..1) of the time window shown"), QStringLiteral("fraction"));
    QCommandLineOption select(QStringLiteral("select-leak"), QStringLiteral("Select the first leaking request"));
    QCommandLineOption dark(QStringLiteral("dark"),
                            QStringLiteral("Dark palette for this launch (View > Dark Palette keeps it)"));
    QCommandLineOption empty(QStringLiteral("empty"), QStringLiteral("Start with no document instead of the sample trace"));
    QCommandLineOption dock(QStringLiteral("show-dock"),
                            QStringLiteral("Bring this dock to the front (its title: \"Latency charts\", \"Leak matrix\", \"Lessons\"...)"),
                            QStringLiteral("title"));
    QCommandLineOption selectEvent(QStringLiteral("select-event"),
                                   QStringLiteral("Zoom to the first event of this type and select it in the event list"),
                                   QStringLiteral("name"));
    QCommandLineOption runEngine(QStringLiteral("run-engine"),
                                 QStringLiteral("Start an engine run as the Run Engine dialog would, e.g. "
                                                "designs=io_uring-async,workload=randwrite,requests=2000,qd=8"),
                                 QStringLiteral("spec"));
    QCommandLineOption playHandOff(QStringLiteral("playback-handoff"),
                                   QStringLiteral("Pause playback half-way through the longest hand-off wait, zoomed "
                                                  "around it (a token on its way to the executor's lane)"));
    parser.addOptions({screenshot, playAt, select, dark, empty, dock, selectEvent, runEngine, playHandOff});
    parser.process(app);
    EngineScenario engineScenario;
    if (parser.isSet(runEngine)) {
        QString error;
        if (!parseEngineSpec(parser.value(runEngine), &engineScenario, &error)) {
            std::fprintf(stderr, "aioscope: %s\n", qPrintable(error));
            return 2;
        }
    }

    MainWindow window;
    if (parser.isSet(dark))
        window.setDarkPalette(true, false); // this launch only: the View menu keeps a choice
    window.show();
    if (parser.isSet(dock)) {
        QDockWidget* wanted = nullptr;
        for (QDockWidget* d : window.findChildren<QDockWidget*>())
            if (d->windowTitle().compare(parser.value(dock), Qt::CaseInsensitive) == 0)
                wanted = d;
        if (!wanted) {
            std::fprintf(stderr, "aioscope: no dock titled '%s'\n", qPrintable(parser.value(dock)));
            return 2;
        }
        wanted->show();
        wanted->raise();
    }
    QStringList files = parser.positionalArguments();
    if (files.isEmpty() && !parser.isSet(empty) && !parser.isSet(runEngine)) {
        const QString sample = defaultSampleTrace();
        if (!sample.isEmpty())
            files << sample;
    }
    DocumentContext* ctx = window.context();
    if (parser.isSet(playAt) || parser.isSet(select)) {
        const double frac = parser.value(playAt).toDouble();
        const bool wantPlay = parser.isSet(playAt), wantSelect = parser.isSet(select);
        QObject::connect(ctx, &DocumentContext::documentChanged, ctx, [ctx, frac, wantPlay, wantSelect] {
            const Run* run = ctx->run();
            if (!run)
                return;
            if (wantSelect)
                for (RequestId id = 0; id < run->requests.size(); ++id)
                    if (run->requests.flags()[id] & kRequestLeak) {
                        ctx->selectRequest(id);
                        // Show it with its neighbours: a few latencies either side.
                        const Request r = run->requests.get(id);
                        const TimeNs lat = std::max<TimeNs>(r.latencyNs() == kNoTime ? 100000 : r.latencyNs(), 10000);
                        ctx->setTimeWindow(r.submitNs - 3 * lat, r.submitNs + 9 * lat);
                        break;
                    }
            if (wantPlay) // a fraction of the window on screen
                ctx->setPlaybackTime(ctx->windowStart() + static_cast<TimeNs>(frac * static_cast<double>(ctx->windowEnd() - ctx->windowStart())));
        }, Qt::SingleShotConnection);
    }
    if (parser.isSet(playHandOff))
        QObject::connect(ctx, &DocumentContext::documentChanged, ctx, [ctx] {
            if (const Run* run = ctx->run())
                if (auto m = HandOffMoment::find(*run)) {
                    ctx->setTimeWindow(m->windowStart, m->windowEnd);
                    ctx->setPlaybackTime(m->playback);
                }
        }, Qt::SingleShotConnection);
    if (parser.isSet(selectEvent))
        if (auto* events = window.findChild<EventListDock*>())
            QObject::connect(ctx, &DocumentContext::documentChanged, events,
                             [events, name = parser.value(selectEvent)] { events->selectFirstEvent(name); },
                             Qt::SingleShotConnection);
    if (!files.isEmpty())
        window.openFile(files.first());
    else if (parser.isSet(runEngine))
        ctx->runEngineScenario(engineScenario);
    if (parser.isSet(screenshot))
        window.screenshotWhenLoaded(parser.value(screenshot), 800);
    return app.exec();
}

} // namespace aioscope::gui
