// The runtime never sees the compiler, or LLVM.
#include "decode/Module.h"
#include "llvm/ADT/StringRef.h"
#include "wasm2native/runtime.h"
