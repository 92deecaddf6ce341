#include "gui/sql/SqlConsoleDock.h"

#include "charts/TextTableModel.h"
#include "gui/DocumentContext.h"
#include "store/SqlConsole.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace aioscope::gui {

namespace {
QString valueText(const store::SqlValue& v) {
    switch (v.type) {
    case store::SqlValue::Type::Null: return "NULL";
    case store::SqlValue::Type::Integer: return QString::number(v.integer);
    case store::SqlValue::Type::Real: return QString::number(v.real, 'g', 15);
    case store::SqlValue::Type::Text:
    case store::SqlValue::Type::Blob: return QString::fromStdString(v.text);
    }
    return {};
}
} // namespace

SqlConsoleDock::SqlConsoleDock(DocumentContext* ctx, QWidget* parent)
    : QDockWidget("SQL console", parent), ctx_(ctx), results_(new charts::TextTableModel(this)),
      editor_(new QPlainTextEdit), historyBox_(new QComboBox), run_(new QPushButton("Run")),
      stop_(new QPushButton("Stop")), table_(new QTableView), status_(new QLabel) {
    setObjectName("SqlConsoleDock");
    editor_->setPlaceholderText("SELECT design, count(*) FROM requests GROUP BY design   (Ctrl+Enter runs)");
    editor_->setFont(QFont("monospace"));
    historyBox_->setToolTip("Query history");
    historyBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    historyBox_->setMinimumContentsLength(30);
    history_ = QSettings().value("sql/history").toStringList();
    historyBox_->addItems(history_);
    historyBox_->setCurrentIndex(-1);
    run_->setToolTip("Run the query (read-only; stops after 30 s)");
    stop_->setToolTip("Interrupt the running query");
    stop_->setEnabled(false);
    table_->setModel(results_);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    status_->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(stop_);
    buttons->addWidget(historyBox_, 1);
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(editor_);
    topLayout->addLayout(buttons);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(table_);
    split->setStretchFactor(1, 1);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);
    layout->addWidget(status_);
    setWidget(body);

    connect(run_, &QPushButton::clicked, this, [this] { runQuery(); });
    connect(stop_, &QPushButton::clicked, this, &SqlConsoleDock::interrupt);
    connect(new QShortcut(QKeySequence("Ctrl+Return"), editor_), &QShortcut::activated, this, [this] { runQuery(); });
    connect(historyBox_, &QComboBox::activated, this, [this](int i) { editor_->setPlainText(historyBox_->itemText(i)); });
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &SqlConsoleDock::showOutcome);
    if (ctx_) {
        connect(ctx_, &DocumentContext::documentChanged, this, [this] { setSessionPath(ctx_->documentPath()); });
        connect(ctx_, &DocumentContext::documentPathChanged, this, [this](const QString& p) { setSessionPath(p); });
        setSessionPath(ctx_->documentPath());
    }
}

SqlConsoleDock::~SqlConsoleDock() {
    interrupt();
    watcher_.waitForFinished();
}

void SqlConsoleDock::setSessionPath(const QString& path) {
    if (path == path_ && console_)
        return;
    interrupt();
    watcher_.waitForFinished();
    path_ = path;
    console_.reset();
    if (path_.endsWith(".aioscope")) {
        auto console = store::SqlConsole::open(path_.toStdString());
        if (console) {
            console_ = std::make_shared<store::SqlConsole>(std::move(*console));
            status_->setText("Read-only SQL on " + path_);
        } else {
            status_->setText(QString::fromStdString(console.error().message));
        }
    } else {
        status_->setText(path_.isEmpty() ? "Open a session (.aioscope) to query it."
                                         : "The SQL console works on a saved session (.aioscope); save this document "
                                           "as a session first.");
    }
    run_->setEnabled(console_ != nullptr);
}

void SqlConsoleDock::setQuery(const QString& sql) { editor_->setPlainText(sql); }

bool SqlConsoleDock::runQuery() {
    const QString sql = editor_->toPlainText().trimmed();
    if (!console_ || sql.isEmpty() || watcher_.isRunning())
        return false;
    remember(sql);
    run_->setEnabled(false);
    stop_->setEnabled(true);
    status_->setText("Running…");
    auto console = console_;
    watcher_.setFuture(QtConcurrent::run([console, sql]() {
        Outcome out;
        QElapsedTimer timer;
        timer.start();
        store::SqlConsole::Sink sink;
        sink.columns = [&](const std::vector<std::string>& names) {
            out.columns.clear();
            for (const auto& n : names)
                out.columns << QString::fromStdString(n);
            out.rows.clear(); // only the last statement's rows are shown
        };
        sink.row = [&](const std::vector<store::SqlValue>& row) {
            if (out.rows.size() >= static_cast<std::size_t>(kMaxRows)) {
                out.truncated = true;
                return false;
            }
            QStringList cells;
            for (const auto& v : row)
                cells << valueText(v);
            out.rows.push_back(std::move(cells));
            return true;
        };
        auto ok = console->run(sql.toStdString(), std::chrono::milliseconds(kTimeoutMs), sink);
        out.ok = ok.ok();
        if (!ok)
            out.error = QString::fromStdString(ok.error().message);
        out.elapsedMs = timer.elapsed();
        return out;
    }));
    return true;
}

void SqlConsoleDock::interrupt() {
    if (console_ && watcher_.isRunning())
        console_->interrupt();
}

bool SqlConsoleDock::isRunning() const { return watcher_.isRunning(); }

void SqlConsoleDock::waitForFinished() {
    if (!watcher_.isRunning() && !watcher_.isFinished())
        return;
    watcher_.waitForFinished();
    QCoreApplication::sendPostedEvents(&watcher_);
    QCoreApplication::processEvents();
}

QString SqlConsoleDock::status() const { return status_->text(); }

void SqlConsoleDock::showOutcome() {
    const Outcome out = watcher_.result();
    std::vector<charts::TextTableModel::Row> rows;
    rows.reserve(out.rows.size());
    for (const auto& r : out.rows) {
        charts::TextTableModel::Row row;
        for (const auto& c : r)
            row.push_back({c, {}, {}, {}, {}});
        rows.push_back(std::move(row));
    }
    results_->setTable(out.columns, std::move(rows));
    if (out.ok)
        status_->setText(QString("%1 rows%2 in %3 ms")
                             .arg(out.rows.size())
                             .arg(out.truncated ? QString(" (first %1 shown)").arg(kMaxRows) : QString())
                             .arg(out.elapsedMs));
    else
        status_->setText(out.error);
    run_->setEnabled(console_ != nullptr);
    stop_->setEnabled(false);
    emit queryFinished(out.ok);
}

void SqlConsoleDock::remember(const QString& sql) {
    history_.removeAll(sql);
    history_.prepend(sql);
    while (history_.size() > 50)
        history_.removeLast();
    QSettings().setValue("sql/history", history_);
    QSignalBlocker block(historyBox_);
    historyBox_->clear();
    historyBox_->addItems(history_);
    historyBox_->setCurrentIndex(0);
}

} // namespace aioscope::gui
