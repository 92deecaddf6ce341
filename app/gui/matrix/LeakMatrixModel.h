#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>
#include <vector>

namespace aioscope {
struct Session;
struct ProbeCell;
} // namespace aioscope

namespace aioscope::gui {

// The leak matrix: designs (rows) x probes (columns). A cell joins what the
// probes made the kernel show (the session's latest LeakMatrix) with the
// current run's verdicts on that design and attribute (VerdictSummary);
// its tooltip is the evidence and RequestsRole lists the leaking requests.
class LeakMatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { RequestsRole = Qt::UserRole + 1, VerdictRole };

    explicit LeakMatrixModel(QObject* parent = nullptr);
    void setSession(const Session* session, int runIndex);

    // The probe that shows an attribute ("cap-fsetid" for credentials), and back.
    static QString probeForAttribute(ContextAttribute a);
    static std::optional<ContextAttribute> attributeForProbe(const QString& probe);

    // Cells a lesson step is about: drawn bold, the others faded. Empty lists: all cells alike.
    void setEmphasis(const QStringList& designs, const QStringList& probes);
    bool isEmphasized(const QModelIndex& index) const;

    std::vector<RequestId> requestsAt(const QModelIndex& index) const;
    QString evidenceAt(const QModelIndex& index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct CellInfo {
        const ProbeCell* probe = nullptr;
        std::uint64_t traceLeaks = 0;   // the run's requests with a leak verdict here
        std::uint64_t traceCarried = 0; // ... with a carried verdict
        std::uint64_t traceUnknown = 0; // hand-offs without either
        std::string unknownReason;
        std::vector<RequestId> requests; // the leaking ones
    };
    const CellInfo* info(const QModelIndex& index) const;

    QStringList designs_;
    QStringList probes_;
    std::vector<CellInfo> cells_; // row-major
    QString kernel_;
    QStringList emphasisDesigns_;
    QStringList emphasisProbes_;
};

} // namespace aioscope::gui
