#include "gui/document/DocumentLoader.h"

#include "gui/document/DocumentSources.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace aioscope::gui {

struct DocumentLoader::Job {
    quint64 generation = 0;
    std::atomic<bool> cancel{false};
    // Partial snapshots posted so far: one that reaches the GUI thread after
    // a newer one was posted is stale and dropped unseen.
    std::atomic<quint64> partialsPosted{0};
};

namespace {
QThreadPool& loaderPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(2);
        return p;
    }();
    return *pool;
}
} // namespace

DocumentLoader::DocumentLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const Session>>("std::shared_ptr<const Session>");
}

DocumentLoader::~DocumentLoader() {
    cancel();
}

std::shared_ptr<DocumentLoader::Job> DocumentLoader::beginJob(const QString& what) {
    if (current_)
        current_->cancel = true;
    current_ = std::make_shared<Job>();
    current_->generation = ++generation_;
    busy_ = true;
    emit started(what);
    return current_;
}

void DocumentLoader::cancel() {
    if (!current_)
        return;
    current_->cancel = true;
    current_.reset();
    ++generation_;
    if (busy_) {
        busy_ = false;
        emit finished(nullptr, QString(), false, tr("Cancelled"));
    }
}

void DocumentLoader::deliverProgress(quint64 generation, qint64 done, qint64 total) {
    if (generation == generation_)
        emit progress(done, total);
}

void DocumentLoader::deliverPartial(const std::shared_ptr<Job>& job, quint64 sequence,
                                    std::shared_ptr<const Session> s) {
    // current_ is reset by the final result and by cancel(), so a partial
    // queued behind either of them is dropped too.
    if (job != current_ || job->generation != generation_)
        return;
    if (sequence != job->partialsPosted.load(std::memory_order_acquire))
        return; // a newer snapshot is already on its way
    emit partial(std::move(s));
}

void DocumentLoader::deliverFinished(quint64 generation, std::shared_ptr<const Session> s, const QString& path, bool ok,
                                     const QString& message) {
    if (generation != generation_)
        return; // stale: cancelled or superseded
    busy_ = false;
    current_.reset();
    emit finished(std::move(s), path, ok, message);
}

namespace {
// Builds a ReadControl whose progress is throttled (one queued call per 50 ms
// at most) so a fast reader cannot flood the GUI thread's event queue.
trace::ReadControl makeControl(QPointer<DocumentLoader> self, quint64 gen, const std::atomic<bool>* cancel,
                               std::function<void(quint64, qint64, qint64)> post) {
    trace::ReadControl control;
    control.cancel = cancel;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    control.progress = [self, gen, clock, post](std::uint64_t done, std::uint64_t total) {
        if (clock->elapsed() < 50 && done < total)
            return;
        clock->restart();
        post(gen, static_cast<qint64>(done), static_cast<qint64>(total));
    };
    return control;
}
} // namespace

void DocumentLoader::open(const QString& path) {
    auto job = beginJob(tr("Opening %1").arg(QFileInfo(path).fileName()));
    QPointer<DocumentLoader> self(this);
    const quint64 gen = job->generation;
    auto post = [self](quint64 g, qint64 d, qint64 t) {
        QMetaObject::invokeMethod(
            self,
            [self, g, d, t] {
                if (self)
                    self->deliverProgress(g, d, t);
            },
            Qt::QueuedConnection);
    };
    loaderPool().start([self, job, gen, path, post] {
        const auto control = makeControl(self, gen, &job->cancel, post);
        auto result = DocumentSources::load(path.toStdString(), control);
        std::shared_ptr<const Session> session;
        QString message;
        const bool ok = result.ok() && !job->cancel;
        if (result.ok())
            session = std::make_shared<const Session>(std::move(result).value());
        else
            message = QString::fromStdString(result.error().message);
        if (ok) {
            std::size_t requests = 0, handOffs = 0, leaks = 0, unseen = 0;
            for (const auto& r : session->runs) {
                requests += r.requestCount();
                leaks += r.leakCount();
                handOffs += r.handOffCount();
                unseen += r.executorUnknownCount();
            }
            message = QObject::tr("Opened %1: %2 run(s), %3 requests, %4 hand-offs, %5 leaks")
                          .arg(path)
                          .arg(session->runs.size())
                          .arg(requests)
                          .arg(handOffs)
                          .arg(leaks);
            if (unseen)
                message += QObject::tr("; %1 with no executor seen (hand-off unknown)").arg(unseen);
        }
        QMetaObject::invokeMethod(
            self,
            [self, gen, session, path, ok, message] {
                if (self)
                    self->deliverFinished(gen, session, path, ok, message);
            },
            Qt::QueuedConnection);
    });
}

void DocumentLoader::runEngine(const EngineScenario& scenario) {
    auto job = beginJob(tr("Running %1 on %2").arg(scenario.designs.join(QLatin1Char(',')), scenario.workload));
    QPointer<DocumentLoader> self(this);
    const quint64 gen = job->generation;
    auto post = [self](quint64 g, qint64 d, qint64 t) {
        QMetaObject::invokeMethod(
            self,
            [self, g, d, t] {
                if (self)
                    self->deliverProgress(g, d, t);
            },
            Qt::QueuedConnection);
    };
    loaderPool().start([self, job, gen, scenario, post] {
        const auto control = makeControl(self, gen, &job->cancel, post);
        auto onPartial = [&](std::shared_ptr<const Session> shared) {
            const quint64 sequence = job->partialsPosted.fetch_add(1, std::memory_order_acq_rel) + 1;
            QMetaObject::invokeMethod(
                self,
                [self, job, sequence, shared] {
                    if (self)
                        self->deliverPartial(job, sequence, shared);
                },
                Qt::QueuedConnection);
        };
        auto result = DocumentSources::runEngine(scenario, control, onPartial);
        std::shared_ptr<const Session> session;
        QString message;
        const bool ok = result.ok();
        if (ok) {
            session = std::make_shared<const Session>(std::move(result).value());
            std::size_t requests = 0, blockRequests = 0, handOffs = 0, unseen = 0;
            QString noKernelTrace;
            for (const auto& r : session->runs) {
                requests += r.requestCount();
                blockRequests += r.blockRequestCount();
                handOffs += r.handOffCount();
                unseen += r.executorUnknownCount();
                if (auto it = r.metadata.find("kernel_trace_unavailable"); it != r.metadata.end())
                    noKernelTrace = QString::fromStdString(it->second);
            }
            message = QObject::tr("Engine run finished: %1 requests, %2 hand-offs").arg(requests).arg(handOffs);
            if (unseen)
                message += QObject::tr(", %1 with no executor seen (hand-off unknown)").arg(unseen);
            if (blockRequests)
                message += QObject::tr("; %1 block requests under them").arg(blockRequests);
            if (!noKernelTrace.isEmpty())
                message += QObject::tr(" (no kernel trace: %1)").arg(noKernelTrace);
        } else {
            message = QString::fromStdString(result.error().message);
        }
        QMetaObject::invokeMethod(
            self,
            [self, gen, session, ok, message] {
                if (self)
                    self->deliverFinished(gen, session, QString(), ok, message);
            },
            Qt::QueuedConnection);
    });
}

} // namespace aioscope::gui
