// A tool reaches another tool's headers by name or by a relative path.
#include "../wasm2native-run/Runner.h"
#include "Runner.h"
#include "codegen/Compile.h"
