#pragma once
// DocumentContext: the one object every dock talks to. It owns the current
// document (an immutable Session shared by pointer, so worker threads and
// views can read it without locks), the current run, the selection, the
// visible time window, filters, highlights and playback time.
//
// API for docks (charts, leak matrix, SQL console, annotations, lessons):
//   session()            std::shared_ptr<const Session>, never mutated; null when empty
//   run()                the current Run or nullptr; runIndex()/setRunIndex(int)
//   documentPath()       file the session came from ("" for engine runs)
//   openPath(path)       async: trace (any format) or .aioscope session;
//                        loadStarted / loadProgress / loadFinished(ok, message)
//   cancelLoad()         cancels the running import or engine run
//   setSession(s, path)  replace the document (emits documentChanged)
//   runEngineScenario(s) async engine run, requests stream in (documentChanged
//                        each time a new partial snapshot arrives); the current
//                        run follows the design that is running, until the user
//                        picks a run (setRunIndex) during the run
//   selectRequest(id)    kNoRequest clears; selectionChanged(id)
//   setTimeWindow(t0,t1) the visible range in run time (ns); timeWindowChanged
//   highlightRequests(v) requests a dock wants to point at; highlightChanged
//   setFilter(f)         design/task/op/leak-only filter; filterChanged
//   setPlaybackTime(t)   kNoTime = playback off (everything visible); else only
//                        requests submitted at or before t are shown
//   play()/pause()/setPlaybackSpeed(x) x = trace ns per wall ns (1.0 = real time)
// Signals are emitted only on change. Everything runs on the GUI thread.
#include "gui/EngineScenario.h"
#include "gui/RequestFilter.h"
#include "model/Ids.h"
#include "model/Session.h"

#include <QCoreApplication> // docks that pump events while waiting on the context rely on it
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace aioscope::gui {

class DocumentLoader;
class Playback;

class DocumentContext : public QObject {
    Q_OBJECT
public:
    explicit DocumentContext(QObject* parent = nullptr);
    ~DocumentContext() override;

    std::shared_ptr<const Session> session() const { return session_; }
    const Run* run() const;
    int runIndex() const { return runIndex_; }
    QString documentPath() const { return path_; }
    bool isLoading() const;

    RequestId selectedRequest() const { return selected_; }
    TimeNs windowStart() const { return windowStart_; }
    TimeNs windowEnd() const { return windowEnd_; }
    const std::vector<RequestId>& highlighted() const { return highlighted_; }
    const RequestFilter& filter() const { return filter_; }
    TimeNs playbackTime() const { return playbackTime_; }
    bool isPlaying() const;
    double playbackSpeed() const;
    const std::vector<Annotation>& annotations() const { return annotations_; }
    Playback* playback() const { return playback_; }
    DocumentLoader* loader() const { return loader_; }

    // Whether a request passes the filter and (when playback is on) was
    // submitted at or before the playback time.
    bool isVisible(RequestId id) const;

public slots:
    void openPath(const QString& path);
    void cancelLoad();
    void setSession(std::shared_ptr<const Session> session, const QString& path = QString());
    void setRunIndex(int index);
    // The document now lives in this file too (File > Save Session As).
    void setDocumentPath(const QString& path);
    void runEngineScenario(const EngineScenario& scenario);
    void selectRequest(RequestId id);
    void setTimeWindow(TimeNs start, TimeNs end);
    void fitTimeWindow(); // the first view: the busy span of the requests the run is about (RunFocus)
    void highlightRequests(std::vector<RequestId> ids);
    void setFilter(const RequestFilter& filter);
    void setPlaybackTime(TimeNs t);
    void play();
    void pause();
    void setPlaybackSpeed(double speed);
    void setAnnotations(const std::vector<aioscope::Annotation>& annotations);

signals:
    void documentChanged();
    void documentPathChanged(const QString& path);
    void runChanged(int index);
    void selectionChanged(RequestId id);
    void timeWindowChanged(TimeNs start, TimeNs end);
    void highlightChanged(std::vector<RequestId> ids);
    void filterChanged();
    void playbackTimeChanged(TimeNs t);
    void playbackStateChanged(bool playing);
    void annotationsChanged();
    void loadStarted(const QString& what);
    void loadProgress(qint64 done, qint64 total);
    void loadFinished(bool ok, const QString& message);

private:
    void resetViewState();
    // setSession with the run to show chosen by the caller (clamped).
    void replaceSession(std::shared_ptr<const Session> session, const QString& path, int runIndex);

    std::shared_ptr<const Session> session_;
    QString path_;
    int runIndex_ = -1;
    bool followGrowingRun_ = false; // an engine run streams in and the user has not picked a run
    RequestId selected_ = kNoRequest;
    TimeNs windowStart_ = 0;
    TimeNs windowEnd_ = 0;
    std::vector<RequestId> highlighted_;
    RequestFilter filter_;
    TimeNs playbackTime_ = kNoTime;
    std::vector<Annotation> annotations_;
    Playback* playback_ = nullptr;
    DocumentLoader* loader_ = nullptr;
};

} // namespace aioscope::gui
