#include "trace/ctf/CtfGraph.h"

#include "trace/ctf/BabeltraceError.h"
#include "trace/ctf/CtfMessageConverter.h"
#include "trace/ctf/CtfMetadataGuard.h"
#include "trace/ctf/CtfShadowTrace.h"

#include <algorithm>
#include <map>
#include <set>

namespace aioscope::trace {

namespace {

// Progress and cancellation are looked at once per this many events.
constexpr std::uint64_t kControlEvery = 4096;
// Damaged stream files left out of one trace before it counts as unreadable.
constexpr std::size_t kMaxSkippedStreams = 64;

struct Plugins {
    const bt_plugin* ctf = nullptr;
    const bt_plugin* utils = nullptr;
    std::string error;
};

const bt_plugin* findPlugin(const char* name, std::string& error)
{
    const bt_plugin* plugin = nullptr;
    const auto status = bt_plugin_find(name, BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &plugin);
    if (status != BT_PLUGIN_FIND_STATUS_OK) {
        const std::string cause = BabeltraceError::takeMessage();
        error = std::string("cannot load the babeltrace2 '") + name +
                "' plugin (is the babeltrace2 package installed?)" + (cause.empty() ? "" : ": " + cause);
        return nullptr;
    }
    return plugin;
}

// Loaded once and kept for the process: plugins are shared libraries.
const Plugins& plugins()
{
    static const Plugins loaded = [] {
        Plugins p;
        p.ctf = findPlugin("ctf", p.error);
        if (p.ctf)
            p.utils = findPlugin("utils", p.error);
        return p;
    }();
    return loaded;
}

struct ValueRef {
    bt_value* value = nullptr;
    ~ValueRef() { bt_value_put_ref(value); }
};

// The trace UUID group source.ctf.fs puts a directory in (its own
// directory when the trace has no UUID). `parsable` is false when the query
// could not even parse the directory's metadata.
std::string groupOf(const bt_component_class_source* ctfFs, const std::string& dir, bool& parsable)
{
    parsable = true;
    ValueRef params{bt_value_map_create()};
    if (!params.value)
        return dir;
    bt_value_map_insert_string_entry(params.value, "input", dir.c_str());
    bt_value_map_insert_string_entry(params.value, "type", "directory");
    bt_query_executor* query = bt_query_executor_create(bt_component_class_source_as_component_class_const(ctfFs),
                                                        "babeltrace.support-info", params.value);
    if (!query)
        return dir;
    const bt_value* result = nullptr;
    std::string group = dir;
    if (bt_query_executor_query(query, &result) == BT_QUERY_EXECUTOR_QUERY_STATUS_OK && result) {
        if (bt_value_is_map(result)) {
            const bt_value* g = bt_value_map_borrow_entry_value_const(result, "group");
            if (g && bt_value_is_string(g))
                group = std::string("uuid:") + bt_value_string_get(g);
        }
        bt_value_put_ref(result);
    } else {
        parsable = false;
        bt_current_thread_clear_error();
    }
    bt_query_executor_put_ref(query);
    return group;
}

} // namespace

CtfGraph::CtfGraph(CtfMessageConverter& converter) : converter_(converter) {}

CtfGraph::~CtfGraph()
{
    bt_graph_put_ref(graph_);
}

void CtfGraph::adoptShadows(std::vector<std::unique_ptr<CtfShadowTrace>> shadows)
{
    for (auto& shadow : shadows)
        shadows_.push_back(std::move(shadow));
}

void CtfGraph::loadPlugins()
{
    (void)plugins();
}

Result<void> CtfGraph::build(const std::string& path, const std::vector<std::string>& traceDirectories,
                             std::vector<ImportWarning>& warnings)
{
    const Plugins& p = plugins();
    if (!p.ctf || !p.utils)
        return makeError(path + ": " + p.error);
    const auto* ctfFs = bt_plugin_borrow_source_component_class_by_name_const(p.ctf, "fs");
    if (!ctfFs || !bt_plugin_borrow_filter_component_class_by_name_const(p.utils, "muxer"))
        return makeError(path + ": the babeltrace2 plugins lack source.ctf.fs or filter.utils.muxer");

    std::map<std::string, std::vector<std::string>> byGroup;
    std::string firstError;
    std::size_t firstWarning = 0;
    for (const auto& dir : traceDirectories) {
        if (const std::string problem = metadataGuard_ ? CtfMetadataGuard::problem(dir) : std::string();
            !problem.empty()) {
            const std::string message = "cannot read CTF trace " + dir + ": " + dir + "/metadata has " + problem;
            if (firstError.empty()) {
                firstError = message;
                firstWarning = warnings.size();
            }
            warnings.push_back(ImportWarning{ImportProblem::CorruptMetadata, dir + "/metadata", message, 1});
            continue;
        }
        // Grouping asks babeltrace2 to parse the metadata once more: only
        // worth it when there is something to group.
        bool parsable = true;
        byGroup[traceDirectories.size() > 1 ? groupOf(ctfFs, dir, parsable) : dir].push_back(dir);
    }
    std::vector<std::vector<std::string>> groups;
    for (auto& [group, dirs] : byGroup)
        groups.push_back(std::move(dirs));

    // A graph whose component failed to initialize cannot take another one:
    // drop the broken trace and build again with the rest.
    while (!groups.empty()) {
        std::size_t failed = groups.size();
        std::string cause;
        Result<void> built = tryBuild(path, groups, failed, cause);
        if (built)
            return built;
        if (failed == groups.size())
            return built; // not a trace's fault: out of memory, ports
        auto broken = groups[failed];
        groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(failed));
        if (broken.size() > 1) {
            // One bad chunk of a rotated session: read the chunks one by one
            // so the good ones still count.
            for (auto& dir : broken)
                groups.push_back({dir});
            continue;
        }
        const std::string& dir = broken.front();
        if (Result<void> skipped = skipDamagedStream(dir, cause, groups, warnings); skipped)
            continue;
        bool parsable = true;
        (void)groupOf(ctfFs, dir, parsable);
        const bool metadataBroken = !parsable;
        const std::string message = "cannot read CTF trace " + dir + ": " +
                                    (metadataBroken ? "its metadata cannot be parsed (TSDL syntax error or damaged metadata packet)"
                                                    : cause);
        if (firstError.empty()) {
            firstError = message;
            firstWarning = warnings.size();
        }
        warnings.push_back(ImportWarning{metadataBroken ? ImportProblem::CorruptMetadata : ImportProblem::CorruptPacket,
                                         metadataBroken ? dir + "/metadata" : dir, message, 1});
    }
    // Every trace failed: the first reason is the error, the others stay warnings.
    warnings.erase(warnings.begin() + static_cast<std::ptrdiff_t>(firstWarning));
    return makeError(path + ": " + firstError);
}

Result<void> CtfGraph::skipDamagedStream(const std::string& dir, const std::string& cause,
                                         std::vector<std::vector<std::string>>& groups, std::vector<ImportWarning>& warnings)
{
    const std::string name = CtfShadowTrace::streamFileNamedIn(cause, dir);
    if (name.empty())
        return makeError("no stream file named");
    // A shadow that fails again: shadow the original with one more file left out.
    std::string original = dir;
    std::set<std::string> excluded;
    for (const auto& shadow : shadows_)
        if (shadow->path() == dir) {
            original = shadow->original();
            excluded = shadow->excluded();
        }
    if (excluded.size() >= kMaxSkippedStreams || !excluded.insert(name).second)
        return makeError("too many damaged stream files");
    auto shadow = std::make_unique<CtfShadowTrace>(original, std::move(excluded));
    if (!shadow->ok())
        return makeError("cannot make a shadow directory");
    warnings.push_back(ImportWarning{ImportProblem::CorruptPacket, original + "/" + name,
                                     "stream file " + original + "/" + name + " skipped, babeltrace2 cannot read it: " + cause, 1});
    groups.push_back({shadow->path()});
    shadows_.push_back(std::move(shadow));
    return {};
}

Result<void> CtfGraph::tryBuild(const std::string& path, const std::vector<std::vector<std::string>>& groups,
                                std::size_t& failedGroup, std::string& cause)
{
    const Plugins& p = plugins();
    const auto* ctfFs = bt_plugin_borrow_source_component_class_by_name_const(p.ctf, "fs");
    const auto* muxerClass = bt_plugin_borrow_filter_component_class_by_name_const(p.utils, "muxer");
    bt_graph_put_ref(graph_);
    graph_ = bt_graph_create(0);
    if (!graph_)
        return makeError(path + ": out of memory creating the babeltrace2 graph");

    const bt_component_filter* muxer = nullptr;
    if (bt_graph_add_filter_component(graph_, muxerClass, "muxer", nullptr, BT_LOGGING_LEVEL_NONE, &muxer) !=
        BT_GRAPH_ADD_COMPONENT_STATUS_OK)
        return makeError(path + ": cannot create the babeltrace2 muxer: " + BabeltraceError::takeMessage());

    std::uint64_t muxerInput = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        ValueRef params{bt_value_map_create()};
        bt_value* inputs = nullptr;
        if (!params.value || bt_value_map_insert_empty_array_entry(params.value, "inputs", &inputs) != BT_VALUE_MAP_INSERT_ENTRY_STATUS_OK)
            return makeError(path + ": out of memory building babeltrace2 parameters");
        for (const auto& dir : groups[g])
            bt_value_array_append_string_element(inputs, dir.c_str());
        const bt_component_source* source = nullptr;
        const std::string name = "ctf-" + std::to_string(g);
        if (bt_graph_add_source_component(graph_, ctfFs, name.c_str(), params.value, BT_LOGGING_LEVEL_NONE, &source) !=
            BT_GRAPH_ADD_COMPONENT_STATUS_OK) {
            failedGroup = g;
            cause = BabeltraceError::takeMessage();
            return makeError(path + ": " + cause);
        }
        const std::uint64_t ports = bt_component_source_get_output_port_count(source);
        for (std::uint64_t i = 0; i < ports; ++i) {
            const bt_port_output* out = bt_component_source_borrow_output_port_by_index_const(source, i);
            // The muxer adds a fresh input port each time one gets connected.
            const bt_port_input* in = bt_component_filter_borrow_input_port_by_index_const(muxer, muxerInput++);
            if (!in || bt_graph_connect_ports(graph_, out, in, nullptr) != BT_GRAPH_CONNECT_PORTS_STATUS_OK)
                return makeError(path + ": cannot connect babeltrace2 ports: " + BabeltraceError::takeMessage());
        }
    }

    const bt_component_sink* sink = nullptr;
    if (bt_graph_add_simple_sink_component(graph_, "aioscope", nullptr, &CtfGraph::consume, nullptr, this, &sink) !=
        BT_GRAPH_ADD_COMPONENT_STATUS_OK)
        return makeError(path + ": cannot create the babeltrace2 sink: " + BabeltraceError::takeMessage());
    const bt_port_output* muxerOut = bt_component_filter_borrow_output_port_by_index_const(muxer, 0);
    const bt_port_input* sinkIn = bt_component_sink_borrow_input_port_by_index_const(sink, 0);
    if (bt_graph_connect_ports(graph_, muxerOut, sinkIn, nullptr) != BT_GRAPH_CONNECT_PORTS_STATUS_OK)
        return makeError(path + ": cannot connect the babeltrace2 sink: " + BabeltraceError::takeMessage());
    return {};
}

bt_graph_simple_sink_component_consume_func_status CtfGraph::consume(bt_message_iterator* iterator, void* self)
{
    auto* graph = static_cast<CtfGraph*>(self);
    bt_message_array_const messages = nullptr;
    std::uint64_t count = 0;
    switch (bt_message_iterator_next(iterator, &messages, &count)) {
    case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
        break;
    case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
        return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_END;
    case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
        return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_AGAIN;
    case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
        return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_MEMORY_ERROR;
    default:
        return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_ERROR;
    }
    std::uint64_t i = 0;
    try {
        for (; i < count; ++i) {
            graph->converter_.handle(messages[i]);
            bt_message_put_ref(messages[i]);
        }
    } catch (...) {
        // Exceptions must not cross the C library; rethrown after the run.
        graph->sinkError_ = std::current_exception();
        for (; i < count; ++i)
            bt_message_put_ref(messages[i]);
        return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_ERROR;
    }
    return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_OK;
}

Result<void> CtfGraph::run(const std::string& path, const ReadControl& control, std::uint64_t totalBytes,
                           std::vector<ImportWarning>& warnings)
{
    // A component may leave a cause behind without failing (a warning path
    // in source.ctf.fs); babeltrace2 aborts the process if the graph runs
    // while the thread holds an error.
    bt_current_thread_clear_error();
    std::uint64_t nextControl = 0;
    for (;;) {
        if (converter_.eventsRead() >= nextControl) {
            nextControl = converter_.eventsRead() + kControlEvery;
            if (control.cancelled())
                return makeError(path + ": import cancelled");
            if (control.progress)
                control.progress(std::min(converter_.packetBytes(), totalBytes), totalBytes);
        }
        const auto status = bt_graph_run_once(graph_);
        if (status == BT_GRAPH_RUN_ONCE_STATUS_OK) {
            // babeltrace2 2.0.4 can report OK after a decoding error deep in
            // source.ctf.fs, leaving the error set (found by the CTF fuzzer):
            // treat it as the error it is.
            const bt_error* pending = bt_current_thread_take_error();
            if (!pending)
                continue;
            bt_current_thread_move_error(pending);
        }
        if (status == BT_GRAPH_RUN_ONCE_STATUS_AGAIN) {
            bt_current_thread_clear_error();
            continue;
        }
        if (status == BT_GRAPH_RUN_ONCE_STATUS_END)
            break;
        if (sinkError_) {
            bt_current_thread_clear_error();
            std::rethrow_exception(sinkError_);
        }
        std::string streamFile;
        const std::string cause = BabeltraceError::takeMessage(&streamFile);
        const std::string message = "cannot decode the CTF data" + (streamFile.empty() ? "" : " of " + streamFile) +
                                    (cause.empty() ? std::string() : ": " + cause) + "; reading stopped after event " +
                                    std::to_string(converter_.eventsRead());
        // babeltrace2 cannot resume a stream after a decoding error: keep
        // what was read, say where it stopped.
        if (converter_.eventsRead() == 0)
            return makeError(path + ": " + message);
        warnings.push_back(ImportWarning{ImportProblem::CorruptPacket, streamFile.empty() ? path : streamFile, message, 1});
        break;
    }
    if (control.progress)
        control.progress(totalBytes, totalBytes);
    return {};
}

} // namespace aioscope::trace
