// transform/ may use ir/ and the ABI, not lowering's headers.
#include "ir/Markers.h"
#include "lower/ChunkContext.h"
#include "wasm2native/abi.h"
