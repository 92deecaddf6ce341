// The timeline's lanes, bins, playback, filters and item models against the
// model they show, on a deterministic synthetic run (no display needed).
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/document/DocumentLoader.h"
#include "gui/models/RequestEventsModel.h"
#include "gui/models/RequestTableModel.h"
#include "gui/models/SnapshotCompareModel.h"
#include "gui/models/TaskListModel.h"
#include "gui/timeline/Playback.h"
#include "gui/timeline/TimelineBins.h"
#include "gui/timeline/TimelineIndex.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

class TimelineModelTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void lanesPutSubmittersFirstAndGroupWorkers();
    void binsMatchBruteForceAtEveryZoom();
    void bucketLookupsAnswerAsTheBinarySearch();
    void binsAreKeptUntilTheViewChanges();
    void playbackShowsExactlyTheSubmittedRequests();
    void leakFilterShowsOnlyLeaks();
    void itemModelsPassTheTester();
    void staleLoadsAreDropped();
    void cancelKeepsTheDocument();

private:
    std::unique_ptr<DocumentContext> context_;
    std::unique_ptr<TimelineView> view_;
    const Run* run() const { return context_->run(); }
    // 700 px of bins starting a third into the run, `span` wide: the three
    // zoom levels the bin tests compare against a plain search.
    TimelineBins binsAt(TimeNs span) const;
};

void TimelineModelTest::init() {
    context_ = std::make_unique<DocumentContext>();
    view_ = std::make_unique<TimelineView>(context_.get());
    view_->resize(1200, 500);
    context_->setSession(guitest::syntheticSession("synthetic:requests=3000,submitters=3,workers=2,states=30000,leak=4,seed=7"));
    QVERIFY(guitest::waitForIndex(*view_));
}

void TimelineModelTest::lanesPutSubmittersFirstAndGroupWorkers() {
    const auto& layout = view_->index()->layout;
    QCOMPARE(view_->laneCount(), static_cast<int>(run()->tasks.size())); // one lane per task
    QCOMPARE(layout.submitterCount(), 3);
    QVERIFY(layout.lane(0).submitter);
    TaskId currentSubmitter = kNoTask;
    for (const auto& lane : layout.lanes()) {
        if (lane.submitter) {
            QCOMPARE(run()->tasks[lane.task].role, TaskRole::Submitter);
            currentSubmitter = lane.task;
        } else if (lane.worker) {
            QCOMPARE(lane.servedSubmitter, currentSubmitter); // grouped under the submitter it served
            QCOMPARE(run()->tasks[lane.task].parent, currentSubmitter);
        }
    }
}

TimelineBins TimelineModelTest::binsAt(TimeNs span) const {
    const TimeNs t0 = run()->startNs(), t1 = run()->endNs();
    TimelineBins bins;
    TimelineBins::Params p;
    p.t0 = t0 + (t1 - t0) / 3;
    p.t1 = p.t0 + span;
    p.width = 700;
    bins.compute(*run(), *view_->index(), p);
    return bins;
}

void TimelineModelTest::binsMatchBruteForceAtEveryZoom() {
    const auto& index = *view_->index();
    const TimeNs t0 = run()->startNs(), t1 = run()->endNs();
    for (TimeNs span : {t1 - t0, (t1 - t0) / 20, (t1 - t0) / 400}) {
        const TimelineBins bins = binsAt(span);
        QCOMPARE(bins.laneCount(), index.layout.count());
        for (int lane = 0; lane < index.layout.count(); ++lane) {
            const TaskId task = index.layout.lane(lane).task;
            for (int c = 0; c < bins.width(); ++c) {
                const TimeNs c0 = bins.columnTime(c), c1 = std::max(bins.columnTime(c + 1), c0 + 1);
                bool anySegment = false, anyLeak = false;
                for (const auto& s : run()->segments)
                    if (s.task == task && s.startNs < c1 && s.endNs > c0) {
                        anySegment = true;
                        anyLeak |= (run()->requests.flags()[s.request] & kRequestLeak) != 0;
                    }
                const auto& cell = bins.at(lane, c);
                QCOMPARE(cell.segment != kNoRequest, anySegment);
                QCOMPARE((cell.flags & TimelineBins::kSegmentLeak) != 0, anyLeak);
            }
        }
    }
}

void TimelineModelTest::bucketLookupsAnswerAsTheBinarySearch() {
    // Start buckets against std::lower_bound: duplicates, gaps, times before,
    // inside and after the lane, on every lane's states.
    const auto& index = *view_->index();
    for (const auto& lane : index.layout.lanes()) {
        const auto& st = run()->timeline.states(lane.task);
        if (st.start.empty())
            continue;
        const auto& buckets = index.stateBuckets[lane.task];
        const TimeNs first = st.start.front(), last = st.start.back();
        for (TimeNs t : {first - 1000, first, first + 1, last - 1, last, last + 1, last + 1'000'000})
            QCOMPARE(buckets.lowerBound(st.start, t),
                     static_cast<std::size_t>(std::lower_bound(st.start.begin(), st.start.end(), t) - st.start.begin()));
        for (std::size_t i = 0; i < st.start.size(); i += 7)
            for (TimeNs d : {TimeNs{-1}, TimeNs{0}, TimeNs{1}}) {
                const TimeNs t = st.start[i] + d;
                QCOMPARE(buckets.lowerBound(st.start, t),
                         static_cast<std::size_t>(std::lower_bound(st.start.begin(), st.start.end(), t) - st.start.begin()));
            }
    }
    std::vector<TimeNs> dup = {5, 5, 5, 5, 5, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9, 9, 9, 40, 41, 1000};
    StartBuckets b;
    b.build(dup, std::vector<TimeNs>(dup.size(), 2000), 2);
    for (TimeNs t = 0; t < 1100; ++t)
        QCOMPARE(b.lowerBound(dup, t), static_cast<std::size_t>(std::lower_bound(dup.begin(), dup.end(), t) - dup.begin()));

    // Each cell's state and in-flight request are those the plain binary search finds.
    const TimeNs t0 = run()->startNs(), t1 = run()->endNs();
    for (TimeNs span : {t1 - t0, (t1 - t0) / 20, (t1 - t0) / 400}) {
        const TimelineBins bins = binsAt(span);
        for (int lane = 0; lane < index.layout.count(); ++lane) {
            const TaskId task = index.layout.lane(lane).task;
            const auto& spans = index.spans[task];
            const auto& leakSpans = index.leakSpans[task];
            for (int c = 0; c < bins.width(); ++c) {
                const TimeNs c0 = bins.columnTime(c), c1 = std::max(bins.columnTime(c + 1), c0 + 1);
                const auto& cell = bins.at(lane, c);
                const auto& st = run()->timeline.states(task);
                const long s = findOverlap(st, c0, c1, [](std::size_t) { return true; }, 4);
                QCOMPARE(cell.state, s >= 0 ? st.state[static_cast<std::size_t>(s)] : LaneState::Unknown);
                const long l = findOverlap(leakSpans, c0, c1, [](std::size_t) { return true; });
                const long a = findOverlap(spans, c0, c1, [](std::size_t) { return true; });
                const RequestId expected = l >= 0 ? leakSpans.request[static_cast<std::size_t>(l)]
                                                  : a >= 0 ? spans.request[static_cast<std::size_t>(a)] : kNoRequest;
                QCOMPARE(cell.span, expected);
            }
        }
    }
}

void TimelineModelTest::binsAreKeptUntilTheViewChanges() {
    const auto& index = *view_->index();
    RequestFilter filter;
    TimelineBins bins;
    TimelineBins::Params p;
    p.t0 = run()->startNs();
    p.t1 = run()->endNs();
    p.width = 500;
    p.filter = &filter;
    QVERIFY(bins.update(*run(), index, p));
    QVERIFY(!bins.update(*run(), index, p)); // nothing changed: kept
    filter.leaksOnly = true;                 // the same filter object, edited
    QVERIFY(bins.update(*run(), index, p));
    p.t1 -= 1;
    QVERIFY(bins.update(*run(), index, p));
    p.playback = p.t0 + 1000;
    QVERIFY(bins.update(*run(), index, p));
    QVERIFY(!bins.update(*run(), index, p));
    bins.invalidate();
    QVERIFY(bins.update(*run(), index, p));
}

void TimelineModelTest::playbackShowsExactlyTheSubmittedRequests() {
    RequestTableModel table(context_.get());
    auto submit = run()->requests.submitNs();
    for (RequestId pick : {RequestId{0}, RequestId{1234}, RequestId{2999}}) {
        const TimeNs t = submit[pick];
        context_->setPlaybackTime(t);
        std::vector<RequestId> expected;
        for (RequestId id = 0; id < run()->requests.size(); ++id)
            if (submit[id] <= t)
                expected.push_back(id);
        QCOMPARE(view_->visibleRequests(), expected);
        QCOMPARE(table.rowCount(), static_cast<int>(expected.size()));
        // Bins show nothing after the playback time.
        TimelineBins bins;
        TimelineBins::Params p;
        p.t0 = run()->startNs();
        p.t1 = run()->endNs();
        p.width = 500;
        p.playback = t;
        bins.compute(*run(), *view_->index(), p);
        for (int lane = 0; lane < bins.laneCount(); ++lane)
            for (int c = 0; c < p.width; ++c)
                if (bins.columnTime(c) > t) {
                    QCOMPARE(bins.at(lane, c).segment, kNoRequest);
                    QCOMPARE(bins.at(lane, c).span, kNoRequest);
                } else if (bins.at(lane, c).span != kNoRequest) {
                    QVERIFY(submit[bins.at(lane, c).span] <= t);
                }
    }
    // Stepping lands on submit times, in order.
    context_->setPlaybackTime(submit[10]);
    context_->playback()->stepForward();
    QCOMPARE(context_->playbackTime(), submit[11] == submit[10] ? submit[12] : submit[11]);
    context_->playback()->stepBackward();
    QCOMPARE(context_->playbackTime(), submit[10]);
    context_->playback()->stop();
    QCOMPARE(context_->playbackTime(), kNoTime);
    QCOMPARE(table.rowCount(), static_cast<int>(run()->requests.size()));
}

void TimelineModelTest::leakFilterShowsOnlyLeaks() {
    RequestTableModel table(context_.get());
    RequestFilter f;
    f.leaksOnly = true;
    context_->setFilter(f);
    const auto leaks = guitest::leakingRequests(*run());
    QVERIFY(leaks.size() > 100);
    QCOMPARE(view_->visibleRequests(), leaks);
    QCOMPARE(view_->leakMarksInView(), leaks);
    QCOMPARE(table.rowCount(), static_cast<int>(leaks.size()));
    for (int row = 0; row < table.rowCount(); ++row)
        QVERIFY(!table.data(table.index(row, RequestTableModel::Leak)).toString().isEmpty());
    context_->setFilter(RequestFilter{});
    QCOMPARE(table.rowCount(), static_cast<int>(run()->requests.size()));
}

void TimelineModelTest::itemModelsPassTheTester() {
    RequestTableModel table(context_.get());
    TaskListModel tasks(context_.get());
    SnapshotCompareModel snapshots;
    RequestEventsModel events;
    QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&snapshots, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t4(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(tasks.rowCount(), static_cast<int>(run()->tasks.size()));
    const auto leaks = guitest::leakingRequests(*run());
    const Request r = run()->requests.get(leaks.front());
    snapshots.setSnapshots(run(), run()->snapshots[r.submitterSnapshot], run()->snapshots[r.executorSnapshot]);
    bool anyDiffers = false;
    for (int row = 0; row < snapshots.rowCount(); ++row)
        anyDiffers |= snapshots.rowDiffers(row);
    QVERIFY(anyDiffers); // fsuid differs in the synthetic leak
    events.setRequest(run(), leaks.front());
    QVERIFY(events.rowCount() >= 5);
    bool sawLeak = false;
    for (int row = 0; row < events.rowCount(); ++row)
        sawLeak |= events.data(events.index(row, RequestEventsModel::Event)).toString().contains(QLatin1String("LEAK"));
    QVERIFY(sawLeak);
    // Models stay consistent through playback, filters and a new document.
    context_->setPlaybackTime(run()->requests.submitNs()[500]);
    context_->setPlaybackTime(run()->requests.submitNs()[100]);
    RequestFilter f;
    f.leaksOnly = true;
    context_->setFilter(f);
    context_->setPlaybackTime(run()->requests.submitNs()[2000]);
    context_->setFilter(RequestFilter{});
    context_->setSession(guitest::syntheticSession("synthetic:requests=50,submitters=1,workers=1,states=100"));
    QCOMPARE(table.rowCount(), 50 > 0 ? table.rowCount() : 0);
    snapshots.setSnapshots(nullptr, std::nullopt, std::nullopt);
    events.setRequest(nullptr, kNoRequest);
    QCOMPARE(snapshots.rowCount(), 0);
}

void TimelineModelTest::staleLoadsAreDropped() {
    QSignalSpy finished(context_.get(), &DocumentContext::loadFinished);
    context_->openPath(QStringLiteral("synthetic:requests=20000,submitters=2,states=200000,seed=1"));
    context_->openPath(QStringLiteral("synthetic:requests=77,submitters=1,workers=1,states=10,seed=2"));
    QVERIFY(finished.wait(60000));
    QTest::qWait(200); // the superseded job may still finish: its result must not show up
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(run()->requests.size(), std::size_t{77});
}

void TimelineModelTest::cancelKeepsTheDocument() {
    const std::size_t before = run()->requests.size();
    QSignalSpy finished(context_.get(), &DocumentContext::loadFinished);
    context_->openPath(QStringLiteral("synthetic:requests=200000,states=1000000"));
    QVERIFY(context_->isLoading());
    context_->cancelLoad();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QTest::qWait(300);
    QCOMPARE(run()->requests.size(), before);
    QVERIFY(!context_->isLoading());
}

QTEST_MAIN(TimelineModelTest)
#include "TimelineModelTest.moc"
