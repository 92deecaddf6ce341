#pragma once

namespace aioscope::gui {

// Starts the desktop app; argv may name a trace or session to open.
int runGui(int argc, char** argv);

} // namespace aioscope::gui
