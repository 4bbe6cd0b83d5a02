// The runtime never sees the compiler, or LLVM.
#include "decode/Module.h"
#include "wasm2native/runtime.h"
#include "llvm/ADT/StringRef.h"
