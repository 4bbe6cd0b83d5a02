//===- Features.cpp - Which WebAssembly features a module may use ---------===//

#include "decode/Features.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace w2n {

StringRef featureName(Feature F) {
  switch (F) {
  case Feature::ExtendedConst:
    return "extended-const";
  case Feature::Memory64:
    return "memory64";
  case Feature::RelaxedSimd:
    return "relaxed-simd";
  case Feature::MultiMemory:
    return "multi-memory";
  case Feature::TailCall:
    return "tail-call";
  }
  llvm_unreachable("not a feature");
}

std::string FeatureSet::str() const {
  // From the base it differs from least (3.0 on a tie).
  unsigned From2 = 0, From3 = 0;
  for (unsigned I = 0; I < NumFeatures; ++I) {
    From2 += has(Feature(I)) != wasm2().has(Feature(I));
    From3 += has(Feature(I)) != wasm3().has(Feature(I));
  }
  FeatureSet Base = From3 <= From2 ? wasm3() : wasm2();
  std::string S = From3 <= From2 ? "3.0" : "2.0";
  for (unsigned I = 0; I < NumFeatures; ++I) {
    Feature F = Feature(I);
    if (has(F) != Base.has(F))
      S += (has(F) ? ",+" : ",-") + featureName(F).str();
  }
  return S;
}

Expected<FeatureSet> parseFeatures(StringRef Spec) {
  FeatureSet Set = FeatureSet::wasm3();
  SmallVector<StringRef, 8> Items;
  Spec.split(Items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef Item : Items) {
    Item = Item.trim();
    if (Item == "2.0") {
      Set = FeatureSet::wasm2();
      continue;
    }
    if (Item == "3.0") {
      Set = FeatureSet::wasm3();
      continue;
    }
    bool On = !Item.consume_front("-");
    if (On)
      Item.consume_front("+");
    bool Known = false;
    for (unsigned I = 0; I < NumFeatures; ++I)
      if (featureName(Feature(I)) == Item) {
        Set.set(Feature(I), On);
        Known = true;
      }
    if (!Known) {
      std::string Names;
      for (unsigned I = 0; I < NumFeatures; ++I)
        Names += (I ? ", " : "") + featureName(Feature(I)).str();
      return createStringError(inconvertibleErrorCode(),
                               "unknown WebAssembly feature '%s' (known: "
                               "2.0, 3.0, %s)",
                               Item.str().c_str(), Names.c_str());
    }
  }
  return Set;
}

} // namespace w2n
