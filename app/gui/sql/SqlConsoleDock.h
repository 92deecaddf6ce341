#pragma once
#include <QDockWidget>
#include <QFutureWatcher>
#include <QStringList>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace aioscope::store {
class SqlConsole;
}
namespace aioscope::charts {
class TextTableModel;
}

namespace aioscope::gui {

class DocumentContext;

// Read-only SQL on the open session file (the store's SqlConsole): the query
// runs on a worker thread, Stop interrupts it, results fill a table (first
// kMaxRows rows), and past queries are kept in a history (QSettings).
class SqlConsoleDock : public QDockWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 10000;
    static constexpr int kTimeoutMs = 30000;

    explicit SqlConsoleDock(DocumentContext* ctx, QWidget* parent = nullptr);
    ~SqlConsoleDock() override;

    void setSessionPath(const QString& path);
    void setQuery(const QString& sql);
    // Starts the query; false (with the reason in status()) when it cannot start.
    bool runQuery();
    void interrupt();
    bool isRunning() const;
    // Blocks until the running query (if any) ended and its result is shown (tests).
    void waitForFinished();

    charts::TextTableModel* resultModel() const { return results_; }
    QString status() const;
    QStringList history() const { return history_; }

signals:
    void queryFinished(bool ok);

private:
    struct Outcome {
        QStringList columns;
        std::vector<QStringList> rows;
        bool truncated = false;
        bool ok = false;
        QString error;
        qint64 elapsedMs = 0;
    };
    void showOutcome();
    void remember(const QString& sql);

    DocumentContext* ctx_;
    QString path_;
    std::shared_ptr<store::SqlConsole> console_;
    QFutureWatcher<Outcome> watcher_;
    charts::TextTableModel* results_;
    QPlainTextEdit* editor_;
    QComboBox* historyBox_;
    QPushButton* run_;
    QPushButton* stop_;
    QTableView* table_;
    QLabel* status_;
    QStringList history_;
};

} // namespace aioscope::gui
