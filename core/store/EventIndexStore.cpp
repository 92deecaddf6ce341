#include "store/EventIndexStore.h"

#include "store/ColumnReadBatch.h"
#include "store/ColumnReader.h"
#include "store/ColumnWriter.h"
#include "store/Database.h"
#include "trace/EventIndex.h"

namespace aioscope::store {

namespace {

// The per-key arrays, one column each (Key is not stored as a struct: its padding is not data).
struct KeyColumns {
    std::vector<std::int32_t> cpu, tid;
    std::vector<std::uint32_t> type, comm;
    std::vector<std::uint16_t> stream;
};

Error corrupt(const Database& db, const std::string& what) {
    return makeError(db.path() + ": corrupt session: event index: " + what);
}

} // namespace

Result<void> EventIndexStore::write(Database& db, const Run& run, std::int64_t runId) {
    if (!run.eventIndex)
        return {};
    const trace::EventIndex& index = *run.eventIndex;
    const auto& c = index.columns();
    const auto& source = index.source();
    {
        auto stmt = db.prepare("INSERT INTO event_sources(run_id, path, format, size, head_hash, event_count, "
                               "chunk_count, key_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId).bind(2, source.path).bind(3, source.format);
        stmt->bind(4, static_cast<std::int64_t>(source.size)).bind(5, static_cast<std::int64_t>(source.headHash));
        stmt->bind(6, static_cast<std::int64_t>(index.size())).bind(7, static_cast<std::int64_t>(c.chunkFirst.size()));
        if (auto r = stmt->bind(8, static_cast<std::int64_t>(c.keys.size())).run(); !r)
            return r;
    }
    {
        auto stmt = db.prepare("INSERT INTO event_types(run_id, id, system, name) VALUES (?, ?, ?, ?)");
        if (!stmt)
            return stmt.error();
        for (std::size_t i = 0; i < c.types.size(); ++i)
            if (auto r = stmt->bind(1, runId)
                             .bind(2, static_cast<std::int64_t>(i))
                             .bind(3, c.types[i].system)
                             .bind(4, c.types[i].name)
                             .run();
                !r)
                return r;
    }
    {
        auto stmt = db.prepare("INSERT INTO event_comms(run_id, id, comm) VALUES (?, ?, ?)");
        if (!stmt)
            return stmt.error();
        for (std::size_t i = 0; i < c.comms.size(); ++i)
            if (auto r = stmt->bind(1, runId).bind(2, static_cast<std::int64_t>(i)).bind(3, c.comms[i]).run(); !r)
                return r;
    }
    auto writer = ColumnWriter::prepare(db, "event_columns", runId);
    if (!writer)
        return writer.error();
    auto insert = [&](const char* name, auto values) { return writer->write(name, values); };
    KeyColumns keys;
    for (const auto& k : c.keys) {
        keys.cpu.push_back(k.cpu);
        keys.tid.push_back(k.tid);
        keys.type.push_back(k.type);
        keys.comm.push_back(k.comm);
        keys.stream.push_back(k.stream);
    }
    for (auto r : {insert("ts_step", std::span<const std::uint32_t>(c.tsStep)),
                   insert("offset_low", std::span<const std::uint32_t>(c.offsetLow)),
                   insert("offset_high", std::span<const std::uint16_t>(c.offsetHigh)),
                   insert("key", std::span<const std::uint32_t>(c.key)),
                   insert("chunk_first", std::span<const std::uint64_t>(c.chunkFirst)),
                   insert("chunk_base", std::span<const TimeNs>(c.chunkBase)),
                   insert("key_cpu", std::span<const std::int32_t>(keys.cpu)),
                   insert("key_tid", std::span<const std::int32_t>(keys.tid)),
                   insert("key_type", std::span<const std::uint32_t>(keys.type)),
                   insert("key_comm", std::span<const std::uint32_t>(keys.comm)),
                   insert("key_stream", std::span<const std::uint16_t>(keys.stream))})
        if (!r)
            return r;
    // Which events built each request (RequestEvents): offsets per request, then the flat event ids.
    if (!run.requestEvents.empty())
        for (auto r : {insert("request_event_offsets", std::span<const std::uint32_t>(run.requestEvents.offsets())),
                       insert("request_event_ids", std::span<const std::uint32_t>(run.requestEvents.events()))})
            if (!r)
                return r;
    return {};
}

Result<void> EventIndexStore::read(Database& db, std::int64_t runId, Run& run) {
    auto hasTable = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'event_sources'");
    if (!hasTable)
        return hasTable.error();
    if (*hasTable == 0)
        return {}; // a session saved before the event index existed
    trace::EventSourceIdentity source;
    std::uint64_t events = 0, chunks = 0, keyCount = 0;
    {
        auto stmt = db.prepare("SELECT path, format, size, head_hash, event_count, chunk_count, key_count "
                               "FROM event_sources WHERE run_id = ?");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId);
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            return {}; // imported without an index
        source.path = stmt->columnText(0);
        source.format = stmt->columnText(1);
        source.size = static_cast<std::uint64_t>(stmt->columnInt64(2));
        source.headHash = static_cast<std::uint64_t>(stmt->columnInt64(3));
        events = static_cast<std::uint64_t>(stmt->columnInt64(4));
        chunks = static_cast<std::uint64_t>(stmt->columnInt64(5));
        keyCount = static_cast<std::uint64_t>(stmt->columnInt64(6));
    }
    trace::EventIndex::Columns c;
    {
        auto stmt = db.prepare("SELECT system, name FROM event_types WHERE run_id = ? ORDER BY id");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId);
        Result<bool> row = false;
        while ((row = stmt->step()) && *row)
            c.types.push_back({stmt->columnText(0), stmt->columnText(1)});
        if (!row)
            return row.error();
    }
    {
        auto stmt = db.prepare("SELECT comm FROM event_comms WHERE run_id = ? ORDER BY id");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId);
        Result<bool> row = false;
        while ((row = stmt->step()) && *row)
            c.comms.push_back(stmt->columnText(0));
        if (!row)
            return row.error();
    }
    auto reader = ColumnReader::open(db, "event_columns", runId, "events.");
    if (!reader)
        return reader.error();
    auto take = [&](const char* name, std::uint64_t expected, auto& out) { return reader->read(name, expected, out); };
    KeyColumns keys;
    // Sessions saved before requests kept their events have no such columns: the links stay empty.
    const bool linked = reader->has("request_event_offsets") || reader->has("request_event_ids");
    SpillVector<std::uint32_t> linkOffsets, linkIds;
    {
        ColumnReadBatch batch;
        auto add = [&](const char* name, std::uint64_t expected, auto& out) {
            batch.add([&reader, name, expected, &out](ColumnReader::Scratch& s) {
                return reader->read(name, expected, out, s);
            });
        };
        add("ts_step", events, c.tsStep);
        add("offset_low", events, c.offsetLow);
        add("offset_high", events, c.offsetHigh);
        add("key", events, c.key);
        if (linked) {
            add("request_event_offsets", run.requests.size() + 1, linkOffsets);
            add("request_event_ids", reader->count("request_event_ids"), linkIds);
        }
        if (auto r = batch.run(); !r)
            return r;
    }
    for (auto r : {take("chunk_first", chunks, c.chunkFirst), take("chunk_base", chunks, c.chunkBase),
                   take("key_cpu", keyCount, keys.cpu), take("key_tid", keyCount, keys.tid),
                   take("key_type", keyCount, keys.type), take("key_comm", keyCount, keys.comm),
                   take("key_stream", keyCount, keys.stream)})
        if (!r)
            return r;
    // Every id must point inside its table: the index is used without further checks.
    if (events > 0 && (chunks == 0 || c.chunkFirst[0] != 0))
        return corrupt(db, "chunks do not start at the first event");
    for (std::size_t i = 1; i < chunks; ++i)
        if (c.chunkFirst[i] <= c.chunkFirst[i - 1] || c.chunkFirst[i] >= events || c.chunkBase[i] < c.chunkBase[i - 1])
            return corrupt(db, "chunk " + std::to_string(i) + " is out of order");
    for (std::size_t k = 0; k < keyCount; ++k) {
        if (keys.type[k] >= c.types.size() || keys.comm[k] >= c.comms.size())
            return corrupt(db, "key " + std::to_string(k) + " names a type or comm that does not exist");
        c.keys.push_back({keys.cpu[k], keys.tid[k], keys.type[k], keys.comm[k], keys.stream[k]});
    }
    for (std::uint32_t k : c.key)
        if (k >= keyCount)
            return corrupt(db, "an event names a key that does not exist");
    if (linked) {
        auto links =
            RequestEvents::fromColumns(std::move(linkOffsets), std::move(linkIds), run.requests.size(), events);
        if (!links)
            return corrupt(db, links.error().message);
        run.requestEvents = std::move(*links);
    }
    run.eventIndex = std::make_shared<const trace::EventIndex>(std::move(source), std::move(c));
    return {};
}

} // namespace aioscope::store
