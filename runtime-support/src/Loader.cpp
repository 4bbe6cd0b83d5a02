//===- Loader.cpp - Load compiled modules ---------------------------------===//
///
/// \file
/// dlopen of a compiled module, the descriptor checks, and the
/// registration of the module's executable segments with the signal
/// handlers (found with dl_iterate_phdr: the object whose PT_LOAD segments
/// contain the descriptor, then its PF_X segments).
///
//===----------------------------------------------------------------------===//

#include "wasm2native/module.h"

#include "Internal.h"

#include <algorithm>
#include <cstring>
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace w2n::rt {

namespace {

using detail::EhFrame;

#if defined(__x86_64__)
constexpr const char *HostArch = "x86_64";
#elif defined(__aarch64__)
constexpr const char *HostArch = "aarch64";
#elif defined(__riscv) && __riscv_xlen == 64
constexpr const char *HostArch = "riscv64";
#else
#error "runtime-support: unsupported architecture"
#endif

bool tripleMatchesHost(const char *Triple) {
  const char *Dash = std::strchr(Triple, '-');
  size_t Len = Dash ? size_t(Dash - Triple) : std::strlen(Triple);
  return Len == std::strlen(HostArch) &&
         std::strncmp(Triple, HostArch, Len) == 0;
}

/// The steps of an extended constant expression: each one known, its
/// operands there and of its type, one value of C's type at the end, so
/// that Store::evalConst can run them without checks.
std::string checkSequence(const w2n_const_expr &C,
                          const w2n_module_descriptor &D, uint32_t NumGlobals) {
  const auto *Steps = static_cast<const w2n_const_expr *>(C.value.ref);
  if (!Steps || C.index == 0)
    return "empty constant expression";
  std::vector<uint8_t> Stack;
  for (uint32_t K = 0; K < C.index; ++K) {
    const w2n_const_expr &S = Steps[K];
    switch (S.kind) {
    case W2N_CONST_VALUE:
      if (S.type != W2N_I32 && S.type != W2N_I64)
        return "constant expression step " + std::to_string(K) +
               " is not an integer";
      Stack.push_back(S.type);
      break;
    case W2N_CONST_GLOBAL_GET:
      if (S.index >= NumGlobals)
        return "global.get index out of range";
      Stack.push_back(D.globals[S.index].type.type);
      break;
    case W2N_CONST_ADD:
    case W2N_CONST_SUB:
    case W2N_CONST_MUL:
      if ((S.type != W2N_I32 && S.type != W2N_I64) || Stack.size() < 2 ||
          Stack[Stack.size() - 1] != S.type ||
          Stack[Stack.size() - 2] != S.type)
        return "constant expression step " + std::to_string(K) +
               " has no operands of its type";
      Stack.pop_back();
      break;
    default:
      return "unknown constant expression kind " + std::to_string(S.kind);
    }
  }
  if (Stack.size() != 1 || Stack[0] != C.type)
    return "constant expression leaves no single value of its type";
  return "";
}

std::string checkConst(const w2n_const_expr &C, const w2n_module_descriptor &D,
                       uint32_t NumGlobals) {
  switch (C.kind) {
  case W2N_CONST_VALUE:
  case W2N_CONST_REF_NULL:
    return "";
  case W2N_CONST_REF_FUNC:
    return C.index < D.num_funcs ? "" : "ref.func index out of range";
  case W2N_CONST_GLOBAL_GET:
    return C.index < NumGlobals ? "" : "global.get index out of range";
  case W2N_CONST_SEQUENCE:
    return checkSequence(C, D, NumGlobals);
  default:
    return "unknown constant expression kind " + std::to_string(C.kind);
  }
}

struct TextSearch {
  uintptr_t Inside;
  std::vector<std::pair<uintptr_t, uintptr_t>> Text;
  /// Every loaded segment, executable or not.
  std::vector<std::pair<uintptr_t, uintptr_t>> Loaded;
  uintptr_t Bias = 0;
  bool Found = false;
};

int findText(struct dl_phdr_info *Info, size_t, void *Data) {
  auto *S = static_cast<TextSearch *>(Data);
  bool Contains = false;
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &P = Info->dlpi_phdr[I];
    uintptr_t Lo = Info->dlpi_addr + P.p_vaddr;
    if (P.p_type == PT_LOAD && S->Inside >= Lo && S->Inside < Lo + P.p_memsz)
      Contains = true;
  }
  if (!Contains)
    return 0;
  S->Found = true;
  S->Bias = Info->dlpi_addr;
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &P = Info->dlpi_phdr[I];
    if (P.p_type != PT_LOAD || !P.p_memsz)
      continue;
    std::pair<uintptr_t, uintptr_t> Range(
        Info->dlpi_addr + P.p_vaddr, Info->dlpi_addr + P.p_vaddr + P.p_memsz);
    S->Loaded.push_back(Range);
    if (P.p_flags & PF_X)
      S->Text.push_back(Range);
  }
  return 1;
}

/// Reads the section headers of the ELF file Path and the names of the
/// sections; false if it is not a 64-bit ELF file.
bool readSections(int FD, std::vector<Elf64_Shdr> &Sections,
                  std::string &Names) {
  auto ReadAt = [FD](void *Buf, size_t Size, uint64_t Off) {
    return pread(FD, Buf, Size, off_t(Off)) == static_cast<ssize_t>(Size);
  };
  Elf64_Ehdr EH;
  if (!ReadAt(&EH, sizeof(EH), 0) || std::memcmp(EH.e_ident, ELFMAG, SELFMAG) ||
      EH.e_ident[EI_CLASS] != ELFCLASS64 ||
      EH.e_shentsize != sizeof(Elf64_Shdr) || EH.e_shnum >= 4096 ||
      EH.e_shstrndx >= EH.e_shnum)
    return false;
  Sections.resize(EH.e_shnum);
  if (!ReadAt(Sections.data(), EH.e_shnum * sizeof(Elf64_Shdr), EH.e_shoff))
    return false;
  const Elf64_Shdr &Str = Sections[EH.e_shstrndx];
  if (Str.sh_size > (uint64_t(1) << 24))
    return false;
  Names.assign(Str.sh_size, '\0');
  return ReadAt(Names.data(), Names.size(), Str.sh_offset);
}

/// The loaded .eh_frame of the object at Path (loaded at Bias, with
/// segments Loaded), for the backtraces of its code; empty if there is
/// none. The compiler asks for asynchronous unwind tables, so the section
/// describes every instruction; lld writes no .eh_frame_hdr (PT_GNU_EH_
/// FRAME) for it, hence the section headers.
EhFrame
findEhFrame(const std::string &Path, uintptr_t Bias,
            const std::vector<std::pair<uintptr_t, uintptr_t>> &Loaded) {
  int FD = open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return EhFrame();
  std::vector<Elf64_Shdr> Sections;
  std::string Names;
  bool Ok = readSections(FD, Sections, Names);
  close(FD);
  if (!Ok)
    return EhFrame();
  for (const Elf64_Shdr &Sec : Sections) {
    if (Sec.sh_name >= Names.size() ||
        std::strcmp(Names.c_str() + Sec.sh_name, ".eh_frame") != 0 ||
        !(Sec.sh_flags & SHF_ALLOC) || !Sec.sh_size)
      continue;
    uintptr_t Lo = Bias + Sec.sh_addr, Hi = Lo + Sec.sh_size;
    // Only memory that is mapped, or the signal handler could fault on it.
    for (const auto &[SegLo, SegHi] : Loaded)
      if (Lo >= SegLo && Hi <= SegHi && Hi > Lo)
        return EhFrame{reinterpret_cast<const uint8_t *>(Lo), Sec.sh_size};
    break;
  }
  return EhFrame();
}

} // namespace

std::string checkDescriptor(const w2n_module_descriptor &D) {
  if (D.abi_version != W2N_ABI_VERSION)
    return "module ABI version " + std::to_string(D.abi_version) +
           ", but this runtime supports version " +
           std::to_string(W2N_ABI_VERSION);
  if (D.flags &
      ~uint32_t(W2N_FLAG_EXPLICIT_BOUNDS | W2N_FLAG_FUEL | W2N_FLAG_EPOCH))
    return "unknown module flags " + std::to_string(D.flags);
  if (D.target_triple && !tripleMatchesHost(D.target_triple))
    return std::string("module compiled for ") + D.target_triple +
           ", but this runtime runs on " + HostArch;
  if (D.num_imported_funcs > D.num_funcs ||
      D.num_imported_tables > D.num_tables ||
      D.num_imported_memories > D.num_memories ||
      D.num_imported_globals > D.num_globals)
    return "more imports than objects of a kind";
  w2n_vmctx_layout L = w2n_compute_vmctx_layout(
      D.num_globals, D.num_tables, D.num_memories, D.num_funcs, D.num_types);
  const w2n_vmctx_layout &M = D.vmctx_layout;
  if (L.globals_offset != M.globals_offset ||
      L.tables_offset != M.tables_offset ||
      L.memories_offset != M.memories_offset ||
      L.funcs_offset != M.funcs_offset ||
      L.type_ids_offset != M.type_ids_offset || L.size != M.size)
    return "vmctx layout differs from abi.h";
  if (D.num_types && (!D.types || !D.invoke || !D.host_trampolines))
    return "missing type tables";
  for (uint32_t I = 0; I < D.num_funcs; ++I)
    if (D.func_types[I] >= D.num_types)
      return "function " + std::to_string(I) + " has an unknown type";
  // A function's code may be null: the compiler lists only the functions
  // that can be reached other than by a direct call (exported, start, in
  // an element segment or named by ref.func).
  if (D.num_funcs > D.num_imported_funcs && !D.func_code)
    return "missing function table";

  uint32_t Counts[4] = {0, 0, 0, 0};
  uint32_t Limits[4] = {D.num_imported_funcs, D.num_imported_tables,
                        D.num_imported_memories, D.num_imported_globals};
  for (uint32_t I = 0; I < D.num_imports; ++I) {
    const w2n_import &Imp = D.imports[I];
    if (Imp.kind > W2N_EXTERN_GLOBAL || Imp.index >= Limits[Imp.kind] ||
        !Imp.module || !Imp.name)
      return "import " + std::to_string(I) + " is malformed";
    ++Counts[Imp.kind];
  }
  for (int K = 0; K < 4; ++K)
    if (Counts[K] != Limits[K])
      return "import counts do not match";
  uint32_t Totals[4] = {D.num_funcs, D.num_tables, D.num_memories,
                        D.num_globals};
  for (uint32_t I = 0; I < D.num_exports; ++I) {
    const w2n_export &Exp = D.exports[I];
    if (Exp.kind > W2N_EXTERN_GLOBAL || Exp.index >= Totals[Exp.kind] ||
        !Exp.name)
      return "export " + std::to_string(I) + " is malformed";
  }
  if (D.has_start && D.start_func >= D.num_funcs)
    return "start function out of range";
  for (uint32_t I = D.num_imported_globals; I < D.num_globals; ++I) {
    // An initialiser may read the globals before it (imported ones only in
    // WebAssembly 2.0; the compiler's validator enforces that).
    std::string E = checkConst(D.globals[I].init, D, I);
    if (!E.empty())
      return "global " + std::to_string(I) + ": " + E;
  }
  for (uint32_t I = 0; I < D.num_elem_segments; ++I) {
    const w2n_elem_segment &S = D.elem_segments[I];
    std::string E;
    if (S.mode == W2N_SEGMENT_ACTIVE) {
      if (S.table_index >= D.num_tables)
        E = "table index out of range";
      else
        E = checkConst(S.offset, D, D.num_globals);
    }
    for (uint32_t J = 0; E.empty() && J < S.num_items; ++J)
      E = checkConst(S.items[J], D, D.num_globals);
    if (!E.empty())
      return "element segment " + std::to_string(I) + ": " + E;
  }
  for (uint32_t I = 0; I < D.num_data_segments; ++I) {
    const w2n_data_segment &S = D.data_segments[I];
    std::string E;
    if (S.mode == W2N_SEGMENT_ACTIVE) {
      if (S.memory_index >= D.num_memories)
        E = "memory index out of range";
      else
        E = checkConst(S.offset, D, D.num_globals);
    }
    if (E.empty() && S.size && !S.bytes)
      E = "no bytes";
    if (!E.empty())
      return "data segment " + std::to_string(I) + ": " + E;
  }
  return "";
}

std::shared_ptr<LoadedModule>
LoadedModule::fromDescriptor(const w2n_module_descriptor *Desc,
                             std::string &Err) {
  std::string Why = checkDescriptor(*Desc);
  if (!Why.empty()) {
    Err = Why;
    return nullptr;
  }
  std::shared_ptr<LoadedModule> M(new LoadedModule());
  M->Desc = Desc;
  for (uint32_t I = Desc->num_imported_funcs; I < Desc->num_funcs; ++I)
    if (void *Code = Desc->func_code[I - Desc->num_imported_funcs])
      M->Entries.emplace_back(reinterpret_cast<uintptr_t>(Code), I);
  std::sort(M->Entries.begin(), M->Entries.end());
  return M;
}

std::shared_ptr<LoadedModule>
LoadedModule::fromLinkedCode(const w2n_module_descriptor *Desc,
                             uintptr_t CodeBegin, uintptr_t CodeEnd,
                             std::string &Err) {
  if (!Desc || CodeEnd < CodeBegin) {
    Err = "no module descriptor or code range";
    return nullptr;
  }
  std::shared_ptr<LoadedModule> M = fromDescriptor(Desc, Err);
  if (!M)
    return nullptr;
  // A module without functions has no code at all.
  if (CodeBegin == CodeEnd) {
    if (!M->Entries.empty()) {
      Err = "the module's code section is empty";
      return nullptr;
    }
    return M;
  }
  M->Text.emplace_back(CodeBegin, CodeEnd);
  for (const auto &[Code, Index] : M->Entries)
    if (!M->containsCode(Code)) {
      Err = "function " + std::to_string(Index) +
            " is outside the module's code section";
      return nullptr;
    }
  int Slot = detail::registerCode(CodeBegin, CodeEnd);
  if (Slot < 0) {
    Err = "cannot register the module's code";
    return nullptr;
  }
  M->TextSlots.push_back(Slot);
  return M;
}

std::shared_ptr<LoadedModule> LoadedModule::load(const std::string &Path,
                                                 std::string &Err) {
  void *Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!Handle) {
    const char *Why = dlerror();
    Err = Why ? Why : Path + ": cannot load";
    return nullptr;
  }
  void *Sym = dlsym(Handle, W2N_DESCRIPTOR_SYMBOL);
  if (!Sym) {
    dlclose(Handle);
    Err = Path + ": no " W2N_DESCRIPTOR_SYMBOL
                 " symbol (not a wasm2native module)";
    return nullptr;
  }
  const auto *Desc = static_cast<const w2n_module_descriptor *>(Sym);
  std::shared_ptr<LoadedModule> M = fromDescriptor(Desc, Err);
  if (!M) {
    dlclose(Handle);
    Err = Path + ": " + Err;
    return nullptr;
  }
  M->Handle = Handle;
  M->Path = Path;

  TextSearch Search;
  Search.Inside = reinterpret_cast<uintptr_t>(Desc);
  dl_iterate_phdr(findText, &Search);
  // A module without functions or types has no code at all.
  if (!Search.Found || (Search.Text.empty() && !M->Entries.empty())) {
    Err = Path + ": cannot find the module's code segment";
    return nullptr;
  }
  M->Text = std::move(Search.Text);
  M->LoadBias = Search.Bias;
  for (const auto &[Code, Index] : M->Entries)
    if (!M->containsCode(Code)) {
      Err = Path + ": function " + std::to_string(Index) +
            " is outside the module's code";
      return nullptr;
    }
  detail::EhFrame Eh = findEhFrame(Path, Search.Bias, Search.Loaded);
  for (const auto &[Lo, Hi] : M->Text) {
    int Slot = detail::registerCode(Lo, Hi, Eh);
    if (Slot < 0) {
      Err = Path + ": cannot register the module's code";
      return nullptr;
    }
    M->TextSlots.push_back(Slot);
  }
  return M;
}

LoadedModule::~LoadedModule() {
  for (int Slot : TextSlots)
    detail::unregisterCode(Slot);
  if (Handle)
    dlclose(Handle);
}

bool LoadedModule::containsCode(uintptr_t Pc) const {
  for (const auto &[Lo, Hi] : Text)
    if (Pc >= Lo && Pc < Hi)
      return true;
  return false;
}

// The compiler names every wasm function "wasm:<name>" (docs/compiler.md)
// and lld keeps those local symbols, with their sizes, in .symtab. Reading
// them (only when a trap needs a name) gives exact function boundaries,
// also of the functions the descriptor does not list.
void LoadedModule::readSymbols() const {
  // The symbol of each defined function, as the compiler assigns them
  // (assignSymbols in compiler/lower/Lowering.cpp): "wasm:" and the name
  // from the name section, or "wasm:func<N>" without one; a repeated name
  // gets ".1", ".2"... in index order. The index, not the symbol, names a
  // frame, so every frame of a function is spelt as the trap site spells
  // it (func[N] when unnamed).
  std::unordered_map<std::string, uint32_t> IndexOf;
  for (uint32_t I = Desc->num_imported_funcs; I < Desc->num_funcs; ++I) {
    const char *Name = functionName(I);
    std::string Base =
        Name ? std::string("wasm:") + Name : "wasm:func" + std::to_string(I);
    std::string Sym = Base;
    for (unsigned K = 1; !IndexOf.emplace(Sym, I).second; ++K)
      Sym = Base + "." + std::to_string(K);
  }

  int FD = Path.empty() ? -1 : open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return;
  auto ReadAt = [FD](void *Buf, size_t Size, uint64_t Off) {
    return pread(FD, Buf, Size, off_t(Off)) == static_cast<ssize_t>(Size);
  };
  std::vector<Elf64_Shdr> Sections;
  std::string Names;
  if (!readSections(FD, Sections, Names))
    Sections.clear();
  for (const Elf64_Shdr &Sec : Sections) {
    if (Sec.sh_type != SHT_SYMTAB || Sec.sh_link >= Sections.size() ||
        Sec.sh_entsize != sizeof(Elf64_Sym))
      continue;
    const Elf64_Shdr &StrSec = Sections[Sec.sh_link];
    std::vector<Elf64_Sym> Syms(Sec.sh_size / sizeof(Elf64_Sym));
    std::string Strings(StrSec.sh_size, '\0');
    if (!ReadAt(Syms.data(), Syms.size() * sizeof(Elf64_Sym), Sec.sh_offset) ||
        !ReadAt(Strings.data(), Strings.size(), StrSec.sh_offset))
      break;
    for (const Elf64_Sym &Sym : Syms) {
      if (ELF64_ST_TYPE(Sym.st_info) != STT_FUNC || !Sym.st_size ||
          Sym.st_name >= Strings.size())
        continue;
      // Trampolines have symbols too: a pc in one is no wasm frame. A
      // part of a giant function (lower/Outlining.h) is "wasm.part:", the
      // function's symbol without "wasm:", '#' and the part's number: it
      // names its function's frames.
      std::string Name = Strings.c_str() + Sym.st_name;
      if (Name.compare(0, 10, "wasm.part:") == 0)
        Name = "wasm:" + Name.substr(10, Name.rfind('#') - 10);
      auto It = IndexOf.find(Name);
      if (It == IndexOf.end())
        continue;
      uintptr_t Lo = LoadBias + Sym.st_value;
      Symbols.push_back({Lo, Lo + Sym.st_size, It->second});
    }
    break;
  }
  close(FD);
  std::sort(Symbols.begin(), Symbols.end(),
            [](const Symbol &A, const Symbol &B) { return A.Lo < B.Lo; });
}

std::optional<uint32_t> LoadedModule::functionAt(uintptr_t Pc) const {
  if (!containsCode(Pc))
    return std::nullopt;
  std::call_once(SymbolsOnce, [this] { readSymbols(); });
  // Objects the compiler did not write (or stripped) have no symbols of
  // wasm functions.
  if (!Symbols.empty()) {
    auto It =
        std::upper_bound(Symbols.begin(), Symbols.end(), Pc,
                         [](uintptr_t P, const Symbol &S) { return P < S.Lo; });
    if (It == Symbols.begin() || Pc >= std::prev(It)->Hi)
      return std::nullopt;
    return std::prev(It)->Index;
  }
  // Else the nearest function entry that the descriptor lists (exact for
  // those, a guess for the others).
  auto It = std::upper_bound(
      Entries.begin(), Entries.end(), Pc,
      [](uintptr_t P, const std::pair<uintptr_t, uint32_t> &E) {
        return P < E.first;
      });
  if (It == Entries.begin())
    return std::nullopt;
  return std::prev(It)->second;
}

const char *LoadedModule::functionName(uint32_t Index) const {
  if (!Desc->func_names || Index >= Desc->num_funcs)
    return nullptr;
  return Desc->func_names[Index];
}

} // namespace w2n::rt
