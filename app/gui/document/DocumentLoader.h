#pragma once
#include "gui/EngineScenario.h"
#include "model/Session.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace aioscope::gui {

// Runs imports, session loads and engine runs on a worker thread. Each job
// gets a generation number; results, progress and partial snapshots of a job
// that was cancelled or superseded are dropped when they reach the GUI thread,
// so the GUI never shows a stale document and never waits for a worker.
class DocumentLoader : public QObject {
    Q_OBJECT
public:
    explicit DocumentLoader(QObject* parent = nullptr);
    ~DocumentLoader() override;

    bool isBusy() const { return busy_; }
    quint64 generation() const { return generation_; }

public slots:
    void open(const QString& path);
    void runEngine(const EngineScenario& scenario);
    void cancel();

signals:
    void started(const QString& what);
    void progress(qint64 done, qint64 total);
    void partial(std::shared_ptr<const Session> session);
    void finished(std::shared_ptr<const Session> session, const QString& path, bool ok, const QString& message);

private:
    struct Job;
    std::shared_ptr<Job> beginJob(const QString& what);
    void deliverProgress(quint64 generation, qint64 done, qint64 total);
    void deliverPartial(const std::shared_ptr<Job>& job, quint64 sequence, std::shared_ptr<const Session> s);
    void deliverFinished(quint64 generation, std::shared_ptr<const Session> s, const QString& path, bool ok,
                         const QString& message);

    quint64 generation_ = 0;
    bool busy_ = false;
    std::shared_ptr<Job> current_;
};

} // namespace aioscope::gui
