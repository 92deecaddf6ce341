#pragma once
#include <string>

inline std::string sourcePath(const std::string& rel) { return std::string(AIOSCOPE_SOURCE_DIR) + "/" + rel; }
inline std::string publicTrace(const std::string& rel) { return std::string(AIOSCOPE_PUBLIC_TRACES) + "/" + rel; }
