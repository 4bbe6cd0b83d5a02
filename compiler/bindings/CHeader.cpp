//===- CHeader.cpp - Typed C bindings of a module -------------------------===//
//
// The header is plain C99 that also compiles as C++: every function is
// static inline (so a host that uses none of them gets no warning), names
// never contain "__" (reserved in C++), and no designated initialisers.
// Everything is emitted in the module's order, so the output depends only
// on the module and the options.
//
//===----------------------------------------------------------------------===//

#include "bindings/CHeader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <optional>
#include <set>
#include <vector>

using namespace llvm;

namespace w2n {

namespace {

/// WASI's imports are left to wasm2native_linker_enable_wasi.
constexpr const char *WasiModule = "wasi_snapshot_preview1";

/// The C type of a wasm value type that wasm2native.h can carry.
std::optional<StringRef> cType(ValType T) {
  switch (T) {
  case ValType::I32:
    return StringRef("int32_t");
  case ValType::I64:
    return StringRef("int64_t");
  case ValType::F32:
    return StringRef("float");
  case ValType::F64:
    return StringRef("double");
  default:
    return std::nullopt;
  }
}

StringRef kindConstant(ValType T) {
  switch (T) {
  case ValType::I32:
    return "WASM2NATIVE_I32";
  case ValType::I64:
    return "WASM2NATIVE_I64";
  case ValType::F32:
    return "WASM2NATIVE_F32";
  default:
    return "WASM2NATIVE_F64";
  }
}

/// The member of wasm2native_val's union for T (and of w2n_val's names).
StringRef valField(ValType T) { return valTypeName(T); }

bool supported(const FuncType &T) {
  auto Ok = [](ValType V) { return cType(V).has_value(); };
  return all_of(T.Params, Ok) && all_of(T.Results, Ok);
}

/// Names go to the API as C strings.
bool hasNul(StringRef S) { return S.contains('\0'); }

/// A wasm name as identifier characters: what cannot be in a C identifier
/// becomes '_', so that "my-func" reads as my_func. Clashes are resolved by
/// NameScope.
std::string mangle(StringRef S) {
  std::string Out;
  for (char C : S)
    Out += isAlnum(C) || C == '_' ? C : '_';
  if (Out.empty())
    Out = "unnamed";
  return Out;
}

/// Keywords of C99 and C++17, and the names the header itself relies on.
bool isReservedWord(StringRef S) {
  static const char *const Words[] = {
      "alignas",      "alignof",  "and",           "and_eq",
      "asm",          "auto",     "bitand",        "bitor",
      "bool",         "break",    "case",          "catch",
      "char",         "char16_t", "char32_t",      "class",
      "compl",        "const",    "const_cast",    "constexpr",
      "continue",     "decltype", "default",       "delete",
      "do",           "double",   "dynamic_cast",  "else",
      "enum",         "explicit", "export",        "extern",
      "false",        "float",    "for",           "friend",
      "goto",         "if",       "inline",        "int",
      "long",         "mutable",  "namespace",     "new",
      "noexcept",     "not",      "not_eq",        "nullptr",
      "operator",     "or",       "or_eq",         "private",
      "protected",    "public",   "register",      "reinterpret_cast",
      "restrict",     "return",   "short",         "signed",
      "sizeof",       "static",   "static_assert", "static_cast",
      "struct",       "switch",   "template",      "this",
      "thread_local", "throw",    "true",          "try",
      "typedef",      "typeid",   "typename",      "union",
      "unsigned",     "using",    "virtual",       "void",
      "volatile",     "wchar_t",  "while",         "xor",
      "xor_eq",       "NULL",     "int32_t",       "int64_t",
      "uint8_t",      "size_t",   "code_t"};
  return is_contained(Words, S);
}

/// Base made usable as a member or parameter name: not empty, not starting
/// with a digit or '_', no "__" (reserved spellings in C++), not a keyword.
std::string identifier(std::string Base) {
  std::string Squeezed;
  for (char C : Base)
    if (C != '_' || Squeezed.empty() || Squeezed.back() != '_')
      Squeezed += C;
  Base = std::move(Squeezed);
  if (Base.empty())
    Base = "unnamed";
  if (isDigit(Base.front()) || Base.front() == '_')
    Base = "x" + Base;
  if (isReservedWord(Base))
    Base += "_";
  return Base;
}

/// The identifiers of one scope: take() hands out Base, or Base_2, Base_3...
/// when Base is taken or reserved.
class NameScope {
public:
  explicit NameScope(std::initializer_list<const char *> Reserved) {
    for (const char *R : Reserved)
      Used.insert(R);
  }
  std::string take(const std::string &Base) {
    std::string Name = Base;
    StringRef Sep = StringRef(Base).ends_with("_") ? "" : "_";
    for (unsigned N = 2; !Used.insert(Name).second; ++N)
      Name = Base + Sep.str() + std::to_string(N);
    return Name;
  }

private:
  std::set<std::string> Used;
};

/// S as a C string literal: printable ASCII as is, everything else in
/// three-digit octal (which, unlike \x, cannot swallow a following digit).
std::string cString(StringRef S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    if (C == '"' || C == '\\' || C == '?') {
      Out += '\\';
      Out += char(C);
    } else if (C >= 0x20 && C < 0x7f) {
      Out += char(C);
    } else {
      Out += '\\';
      Out += char('0' + (C >> 6));
      Out += char('0' + ((C >> 3) & 7));
      Out += char('0' + (C & 7));
    }
  }
  return Out + "\"";
}

/// "(i32, i64) -> (f32)", for the comments.
std::string typeString(const FuncType &T) {
  auto List = [](ArrayRef<ValType> Ts) {
    std::string S = "(";
    for (size_t I = 0; I < Ts.size(); ++I)
      S += (I ? ", " : "") + valTypeName(Ts[I]).str();
    return S + ")";
  };
  return List(T.Params) + " -> " + List(T.Results);
}

/// Comment text may come from the module: keep it printable and never
/// let it close the comment.
std::string commentSafe(StringRef S) {
  std::string Out;
  for (char C : S)
    Out += (C >= 0x20 && C < 0x7f) ? C : '?';
  size_t At;
  while ((At = Out.find("*/")) != std::string::npos)
    Out.replace(At, 2, "* /");
  return Out;
}

/// The parameter names of function FuncIndex: its local names from the name
/// section where they make identifiers, else p0, p1...; all unique within
/// Scope.
std::vector<std::string> paramNames(const Module &M, uint32_t FuncIndex,
                                    size_t NumParams, NameScope &Scope) {
  const std::map<uint32_t, std::string> *Locals = nullptr;
  auto It = M.DebugNames.Locals.find(FuncIndex);
  if (It != M.DebugNames.Locals.end())
    Locals = &It->second;
  std::vector<std::string> Names;
  for (size_t I = 0; I < NumParams; ++I) {
    std::string Base = "p" + std::to_string(I);
    if (Locals) {
      auto L = Locals->find(uint32_t(I));
      if (L != Locals->end() && isCIdentifier(L->second))
        Base = identifier(L->second);
    }
    Names.push_back(Scope.take(Base));
  }
  return Names;
}

std::vector<std::string> resultNames(size_t NumResults) {
  if (NumResults == 1)
    return {"result"};
  std::vector<std::string> Names;
  for (size_t I = 0; I < NumResults; ++I)
    Names.push_back("result" + std::to_string(I));
  return Names;
}

/// "static const uint8_t NAME[] = {...};" for a list of types, or nothing
/// (then the list is passed as NULL).
void emitKinds(raw_ostream &OS, StringRef Indent, StringRef Name,
               ArrayRef<ValType> Ts) {
  if (Ts.empty())
    return;
  OS << Indent << "static const uint8_t " << Name << "[] = {";
  for (size_t I = 0; I < Ts.size(); ++I)
    OS << (I ? ", " : "") << kindConstant(Ts[I]);
  OS << "};\n";
}

StringRef kindsArg(StringRef Name, ArrayRef<ValType> Ts) {
  return Ts.empty() ? StringRef("NULL") : Name;
}

struct ImportedFunc {
  const Import *Imp;
  const FuncType *Type;
  uint32_t FuncIndex;
  std::string Field; // in NAME_imports
};

struct ImportedGlobal {
  const Import *Imp;
  std::string Field;
};

struct ExportedFunc {
  const Export *Exp;
  const FuncType *Type;
  std::string Id; // NAME_<Id>, and its field in NAME_instance
};

class HeaderWriter {
public:
  HeaderWriter(const Module &M, const CHeaderOptions &Opts, raw_ostream &OS)
      : M(M), Opts(Opts), P(Opts.Name), OS(OS) {}
  void write();

private:
  void classify();
  void banner();
  void imports();
  void importAdapter(const ImportedFunc &F);
  void defineImports();
  void instance();
  void exportWrapper(const ExportedFunc &F);

  const Module &M;
  const CHeaderOptions &Opts;
  std::string P; // the prefix
  raw_ostream &OS;

  std::vector<ImportedFunc> Funcs;
  std::vector<ImportedGlobal> Globals;
  std::vector<ExportedFunc> Exports;
  /// What the C API cannot express, for the comments.
  std::vector<std::string> UnsupportedImports, UnsupportedExports;
  bool UsesWasi = false;
};

void HeaderWriter::classify() {
  // Fields of NAME_imports: "env" is the user's pointer.
  NameScope ImportFields({"env"});
  uint32_t FuncIndex = 0;
  for (const Import &I : M.Imports) {
    std::string What = cString(I.ModuleName) + " " + cString(I.FieldName);
    if (I.Kind == ExternKind::Func) {
      uint32_t Index = FuncIndex++;
      if (I.ModuleName == WasiModule) {
        UsesWasi = true;
        continue;
      }
      const FuncType &T = M.Types[I.FuncTypeIndex];
      if (!supported(T) || hasNul(I.ModuleName) || hasNul(I.FieldName)) {
        UnsupportedImports.push_back(What + ": function " + typeString(T));
        continue;
      }
      Funcs.push_back({&I, &T, Index,
                       ImportFields.take(identifier(mangle(I.ModuleName) + "_" +
                                                    mangle(I.FieldName)))});
      continue;
    }
    if (I.Kind == ExternKind::Global && cType(I.Global.Type) &&
        !hasNul(I.ModuleName) && !hasNul(I.FieldName)) {
      Globals.push_back(
          {&I, ImportFields.take(identifier(mangle(I.ModuleName) + "_" +
                                            mangle(I.FieldName)))});
      continue;
    }
    UnsupportedImports.push_back(What + ": " + externKindName(I.Kind).str());
  }

  // NAME_<export> must not clash with the header's own names, nor with the
  // helpers' NAME_w2n_... prefix.
  NameScope ExportIds({"module", "imports", "define_imports", "instance",
                       "instantiate", "free"});
  for (const Export &E : M.Exports) {
    if (E.Kind != ExternKind::Func) {
      if (E.Kind != ExternKind::Memory)
        UnsupportedExports.push_back(cString(E.Name) + ": " +
                                     externKindName(E.Kind).str());
      continue;
    }
    const FuncType &T = M.Types[M.funcTypeIndex(E.Index)];
    if (!supported(T) || hasNul(E.Name)) {
      UnsupportedExports.push_back(cString(E.Name) + ": function " +
                                   typeString(T));
      continue;
    }
    std::string Base = identifier(mangle(E.Name));
    if (StringRef(Base).starts_with("w2n_"))
      Base = "x" + Base;
    Exports.push_back({&E, &T, ExportIds.take(Base)});
  }
}

void HeaderWriter::banner() {
  OS << "/* " << Opts.HeaderName << ": typed bindings of "
     << commentSafe(Opts.SourceName)
     << ", generated by `wasm2native header`. Do not edit.\n"
     << " *\n"
     << " * The module's exports are C functions that call its native code\n"
     << " * directly (no wasm2native_val in between); a trap comes back as a\n"
     << " * wasm2native_error, as from wasm2native_instance_call. Its\n"
     << " * imports are C function pointers in " << P << "_imports.\n"
     << " *\n"
     << " *   " << P << "_imports imports = {0};  // then set its fields\n"
     << " *   wasm2native_linker *linker = wasm2native_linker_new();\n"
     << " *   " << P << "_define_imports(linker, &imports);\n"
     << " *   wasm2native_module *module;\n"
     << " *   " << P << "_module(&module);  // or wasm2native_module_load\n"
     << " *   " << P << "_instance inst;\n"
     << " *   " << P << "_instantiate(&inst, linker, module, NULL);\n"
     << " *   ... " << P << "_<export>(&inst, args..., &result) ...\n"
     << " *   " << P << "_free(&inst);\n"
     << " *\n"
     << " * Every call returns NULL or an error to delete with\n"
     << " * wasm2native_error_delete. See docs/embedding.md.\n"
     << " */\n\n";
  std::string Guard = StringRef(P).upper() + "_WASM2NATIVE_H";
  OS << "#ifndef " << Guard << "\n#define " << Guard << "\n\n"
     << "#include \"wasm2native/wasm2native.h\"\n\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  OS << "/* The module compiled into the program (`wasm2native compile\n"
     << " * --emit=obj --module-name " << P
     << "`, as wasm2native_add_module does), as a\n"
     << " * new module object to delete with wasm2native_module_delete.\n"
     << " * Defined by the file that `wasm2native header --glue` writes. */\n"
     << "wasm2native_error *" << P << "_module(wasm2native_module **out);\n\n";
}

void HeaderWriter::imports() {
  OS << "/* ---- Imports ---- */\n\n";
  if (UsesWasi)
    OS << "/* The module imports WASI (" << WasiModule << "):\n"
       << " * call wasm2native_linker_enable_wasi on the linker as well. */\n"
       << "#define " << StringRef(P).upper() << "_IMPORTS_WASI 1\n\n";
  if (!UnsupportedImports.empty()) {
    OS << "/* Imports wasm2native.h cannot define (instantiating fails with a\n"
       << " * link error):\n";
    for (const std::string &U : UnsupportedImports)
      OS << " *   " << commentSafe(U) << "\n";
    OS << " */\n\n";
  }
  OS << "/* What the host gives the module. Each function gets env and the\n"
     << " * calling instance (for its memory) and returns NULL, or an error\n"
     << " * that traps the caller (wasm2native_trap_new). A NULL function is\n"
     << " * not defined. The struct must outlive the linker's instances. */\n"
     << "typedef struct " << P << "_imports {\n"
     << "  void *env;\n";
  for (const ImportedFunc &F : Funcs) {
    NameScope Scope({"env", "caller"});
    std::vector<std::string> Params =
        paramNames(M, F.FuncIndex, F.Type->Params.size(), Scope);
    std::vector<std::string> Results = resultNames(F.Type->Results.size());
    OS << "  /* " << cString(F.Imp->ModuleName) << " "
       << cString(F.Imp->FieldName) << ": " << typeString(*F.Type) << " */\n"
       << "  wasm2native_error *(*" << F.Field
       << ")(void *env, wasm2native_instance *caller";
    for (size_t I = 0; I < Params.size(); ++I)
      OS << ", " << *cType(F.Type->Params[I]) << " " << Params[I];
    for (size_t I = 0; I < Results.size(); ++I)
      OS << ", " << *cType(F.Type->Results[I]) << " *" << Results[I];
    OS << ");\n";
  }
  for (const ImportedGlobal &G : Globals)
    OS << "  /* " << cString(G.Imp->ModuleName) << " "
       << cString(G.Imp->FieldName) << ": global "
       << (G.Imp->Global.Mutable ? "mut " : "")
       << valTypeName(G.Imp->Global.Type) << " (its initial value) */\n"
       << "  " << *cType(G.Imp->Global.Type) << " " << G.Field << ";\n";
  OS << "} " << P << "_imports;\n\n";
  for (const ImportedFunc &F : Funcs)
    importAdapter(F);
  defineImports();
}

void HeaderWriter::importAdapter(const ImportedFunc &F) {
  const FuncType &T = *F.Type;
  OS << "static inline wasm2native_error *\n"
     << P << "_w2n_import_" << F.Field
     << "(void *env, wasm2native_instance *caller,\n"
     << "    const wasm2native_val *args, wasm2native_val *results) {\n"
     << "  const " << P << "_imports *imports = (const " << P
     << "_imports *)env;\n";
  for (size_t I = 0; I < T.Results.size(); ++I)
    OS << "  " << *cType(T.Results[I]) << " r" << I << " = 0;\n";
  OS << "  wasm2native_error *err = imports->" << F.Field
     << "(imports->env, caller";
  for (size_t I = 0; I < T.Params.size(); ++I)
    OS << ", args[" << I << "].of." << valField(T.Params[I]);
  for (size_t I = 0; I < T.Results.size(); ++I)
    OS << ", &r" << I;
  OS << ");\n";
  if (T.Params.empty())
    OS << "  (void)args;\n";
  if (T.Results.empty())
    OS << "  (void)results;\n";
  for (size_t I = 0; I < T.Results.size(); ++I)
    OS << "  results[" << I << "].of." << valField(T.Results[I]) << " = r" << I
       << ";\n";
  OS << "  return err;\n}\n\n";
}

void HeaderWriter::defineImports() {
  OS << "/* Defines the imports in l (not WASI's). */\n"
     << "static inline wasm2native_error *\n"
     << P << "_define_imports(wasm2native_linker *l, const " << P
     << "_imports *imports) {\n"
     << "  wasm2native_error *err = NULL;\n";
  for (const ImportedFunc &F : Funcs) {
    const FuncType &T = *F.Type;
    OS << "  if (imports->" << F.Field << ") {\n";
    emitKinds(OS, "    ", "params", T.Params);
    emitKinds(OS, "    ", "results", T.Results);
    OS << "    err = wasm2native_linker_define_func(\n"
       << "        l, " << cString(F.Imp->ModuleName) << ", "
       << cString(F.Imp->FieldName) << ", " << kindsArg("params", T.Params)
       << ", " << T.Params.size() << ", " << kindsArg("results", T.Results)
       << ", " << T.Results.size() << ",\n"
       << "        " << P << "_w2n_import_" << F.Field
       << ", (void *)imports, NULL);\n"
       << "    if (err)\n      return err;\n  }\n";
  }
  for (const ImportedGlobal &G : Globals) {
    ValType T = G.Imp->Global.Type;
    OS << "  {\n"
       << "    wasm2native_val value;\n"
       << "    value.kind = " << kindConstant(T) << ";\n"
       << "    value.of." << valField(T) << " = imports->" << G.Field << ";\n"
       << "    err = wasm2native_linker_define_global(\n"
       << "        l, " << cString(G.Imp->ModuleName) << ", "
       << cString(G.Imp->FieldName) << ", value, "
       << (G.Imp->Global.Mutable ? 1 : 0) << ");\n"
       << "    if (err)\n      return err;\n  }\n";
  }
  OS << "  (void)l;\n  return err;\n}\n\n";
}

void HeaderWriter::instance() {
  OS << "/* ---- Instances and exports ---- */\n\n";
  if (!UnsupportedExports.empty()) {
    OS << "/* Exports not bound here (wasm2native.h has no type for them):\n";
    for (const std::string &U : UnsupportedExports)
      OS << " *   " << commentSafe(U) << "\n";
    OS << " */\n\n";
  }
  OS << "/* An instance, and its exports resolved and type-checked once.\n"
     << " * `instance` serves the rest of wasm2native.h (memory, fuel,\n"
     << " * epochs). */\n"
     << "typedef struct " << P << "_instance {\n"
     << "  wasm2native_instance *instance;\n";
  for (const ExportedFunc &F : Exports)
    OS << "  wasm2native_native_func " << F.Id << ";\n";
  OS << "} " << P << "_instance;\n\n";

  OS << "/* Instantiates m (" << P
     << "_module(), or a .so compiled from the same\n"
     << " * module) with l's definitions, and checks that its exports have\n"
     << " * the types of this header. */\n"
     << "static inline wasm2native_error *\n"
     << P << "_instantiate(" << P
     << "_instance *out, const wasm2native_linker *l,\n"
     << "    wasm2native_module *m, const wasm2native_limits *limits) {\n"
     << "  wasm2native_error *err =\n"
     << "      wasm2native_instantiate(l, m, limits, &out->instance);\n"
     << "  if (err)\n    return err;\n";
  for (const ExportedFunc &F : Exports) {
    const FuncType &T = *F.Type;
    OS << "  {\n";
    emitKinds(OS, "    ", "params", T.Params);
    emitKinds(OS, "    ", "results", T.Results);
    OS << "    err = wasm2native_instance_native_func(\n"
       << "        out->instance, " << cString(F.Exp->Name) << ", "
       << kindsArg("params", T.Params) << ", " << T.Params.size() << ", "
       << kindsArg("results", T.Results) << ", " << T.Results.size()
       << ", &out->" << F.Id << ");\n"
       << "    if (err) {\n"
       << "      wasm2native_instance_delete(out->instance);\n"
       << "      out->instance = NULL;\n"
       << "      return err;\n"
       << "    }\n  }\n";
  }
  OS << "  return NULL;\n}\n\n";
  OS << "static inline void " << P << "_free(" << P << "_instance *i) {\n"
     << "  wasm2native_instance_delete(i->instance);\n"
     << "  i->instance = NULL;\n}\n\n";
  for (const ExportedFunc &F : Exports)
    exportWrapper(F);
}

void HeaderWriter::exportWrapper(const ExportedFunc &F) {
  const FuncType &T = *F.Type;
  NameScope Scope({"inst", "err", "call", "args", "res", "fn"});
  std::vector<std::string> Results = resultNames(T.Results.size());
  for (const std::string &R : Results)
    Scope.take(R);
  uint32_t FuncIndex = F.Exp->Index;
  std::vector<std::string> Params =
      paramNames(M, FuncIndex, T.Params.size(), Scope);
  std::string Call = P + "_w2n_call_" + F.Id, Run = P + "_w2n_run_" + F.Id;
  bool Native = T.Results.size() <= 1;

  if (Native) {
    // The arguments and the result travel through a struct, so that
    // wasm2native_instance_call_native can run the call on the other side
    // of its trap handler.
    OS << "struct " << Call << " {\n"
       << "  const wasm2native_native_func *fn;\n";
    for (size_t I = 0; I < Params.size(); ++I)
      OS << "  " << *cType(T.Params[I]) << " " << Params[I] << ";\n";
    if (!T.Results.empty())
      OS << "  " << *cType(T.Results[0]) << " result;\n";
    OS << "};\n\n"
       << "static inline void " << Run << "(void *arg) {\n"
       << "  struct " << Call << " *call = (struct " << Call << " *)arg;\n"
       << "  typedef "
       << (T.Results.empty() ? StringRef("void") : *cType(T.Results[0]))
       << " (*code_t)(void *";
    for (ValType V : T.Params)
      OS << ", " << *cType(V);
    OS << ");\n  ";
    if (!T.Results.empty())
      OS << "call->result = ";
    OS << "((code_t)call->fn->code)(call->fn->vmctx";
    for (const std::string &N : Params)
      OS << ", call->" << N;
    OS << ");\n}\n\n";
  }

  OS << "/* " << cString(F.Exp->Name) << ": " << typeString(T) << " */\n"
     << "static inline wasm2native_error *\n"
     << P << "_" << F.Id << "(" << P << "_instance *inst";
  for (size_t I = 0; I < Params.size(); ++I)
    OS << ", " << *cType(T.Params[I]) << " " << Params[I];
  for (size_t I = 0; I < Results.size(); ++I)
    OS << ", " << *cType(T.Results[I]) << " *" << Results[I];
  OS << ") {\n"
     << "  wasm2native_error *err;\n";
  if (Native) {
    OS << "  if (inst->" << F.Id << ".code) {\n"
       << "    struct " << Call << " call;\n"
       << "    call.fn = &inst->" << F.Id << ";\n";
    for (const std::string &N : Params)
      OS << "    call." << N << " = " << N << ";\n";
    OS << "    err = wasm2native_instance_call_native(inst->instance, " << Run
       << ", &call);\n";
    if (!T.Results.empty())
      OS << "    if (!err && result)\n      *result = call.result;\n";
    OS << "    return err;\n  }\n";
  }
  // A host function, or several results: the generic call.
  OS << "  {\n";
  if (!Params.empty())
    OS << "    wasm2native_val args[" << Params.size() << "];\n";
  if (!Results.empty())
    OS << "    wasm2native_val res[" << Results.size() << "];\n";
  for (size_t I = 0; I < Params.size(); ++I)
    OS << "    args[" << I << "].kind = " << kindConstant(T.Params[I]) << ";\n"
       << "    args[" << I << "].of." << valField(T.Params[I]) << " = "
       << Params[I] << ";\n";
  OS << "    err = wasm2native_instance_call(inst->instance, "
     << cString(F.Exp->Name) << ", " << (Params.empty() ? "NULL" : "args")
     << ", " << Params.size() << ", " << (Results.empty() ? "NULL" : "res")
     << ", " << Results.size() << ");\n";
  for (size_t I = 0; I < Results.size(); ++I)
    OS << "    if (!err && " << Results[I] << ")\n      *" << Results[I]
       << " = res[" << I << "].of." << valField(T.Results[I]) << ";\n";
  OS << "  }\n  return err;\n}\n\n";
}

void HeaderWriter::write() {
  classify();
  banner();
  imports();
  instance();
  OS << "#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
}

} // namespace

bool isCIdentifier(StringRef Name) {
  return !Name.empty() && !isDigit(Name.front()) &&
         all_of(Name, [](char C) { return isAlnum(C) || C == '_'; });
}

std::string moduleNameForPath(StringRef Path) {
  return identifier(mangle(sys::path::stem(Path)));
}

void writeCHeader(const Module &M, const CHeaderOptions &Opts,
                  raw_ostream &OS) {
  assert(isCIdentifier(Opts.Name) && "the prefix must be a C identifier");
  HeaderWriter(M, Opts, OS).write();
}

void writeCGlue(const CHeaderOptions &Opts, raw_ostream &OS) {
  const std::string &P = Opts.Name;
  OS << "/* " << P << "_module() for " << commentSafe(Opts.SourceName)
     << " linked into the program, generated by\n"
     << " * `wasm2native header --glue`. Do not edit.\n"
     << " *\n"
     << " * `wasm2native compile --emit=obj --module-name " << P
     << "` names the module's\n"
     << " * descriptor " << P
     << "_wasm2native_descriptor and puts its code in the section\n"
     << " * w2n_text_" << P
     << ", whose bounds the linker provides: the runtime registers\n"
     << " * that range, so that faults in it become traps. */\n\n"
     << "#include \"" << Opts.HeaderName << "\"\n\n"
     << "#ifndef __ELF__\n"
     << "#error \"modules linked into a program need ELF section bounds "
        "(__start_/__stop_)\"\n"
     << "#endif\n\n"
     << "#define " << StringRef(P).upper()
     << "_W2N_HIDDEN __attribute__((visibility(\"hidden\")))\n"
     << "extern const unsigned char " << P << "_wasm2native_descriptor[] "
     << StringRef(P).upper() << "_W2N_HIDDEN;\n"
     << "extern const unsigned char __start_w2n_text_" << P << "[] "
     << StringRef(P).upper() << "_W2N_HIDDEN;\n"
     << "extern const unsigned char __stop_w2n_text_" << P << "[] "
     << StringRef(P).upper() << "_W2N_HIDDEN;\n\n"
     << "wasm2native_error *" << P << "_module(wasm2native_module **out) {\n"
     << "  return wasm2native_module_from_linked(" << P
     << "_wasm2native_descriptor,\n"
     << "                                        __start_w2n_text_" << P
     << ",\n"
     << "                                        __stop_w2n_text_" << P
     << ", out);\n"
     << "}\n";
}

} // namespace w2n
