#pragma once
#include "model/Run.h"

#include <string>

// The importer's result as a table a reviewer can read line by line: tasks
// that took part in I/O, every request with its executors, every check, and
// the warnings. Times are relative to the first event, in microseconds.
std::string goldenTable(const aioscope::Run& run);
