//===- SExpr.cpp - A reader of spec-script S-expressions ------------------===//

#include "wast/SExpr.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

char ScriptError::ID = 0;

void ScriptError::log(raw_ostream &OS) const {
  OS << format("0x%llx", (unsigned long long)Offset) << ": " << Message;
}

std::error_code ScriptError::convertToErrorCode() const {
  return inconvertibleErrorCode();
}

unsigned SExpr::lineOf(StringRef Input, uint64_t Offset) {
  return 1 + Input.take_front(Offset).count('\n');
}

namespace {

int hexValue(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  if (C >= 'A' && C <= 'F')
    return C - 'A' + 10;
  return -1;
}

/// Characters that end an atom.
bool endsAtom(char C) {
  return C == '(' || C == ')' || C == '"' || C == ';' || C == ' ' ||
         C == '\t' || C == '\n' || C == '\r';
}

class Reader {
public:
  explicit Reader(StringRef In) : In(In) {}

  /// Skips white space and comments; an unterminated block comment is an
  /// error.
  Error skipSpace() {
    while (Pos < In.size()) {
      char C = In[Pos];
      if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
        ++Pos;
      } else if (In.substr(Pos).starts_with(";;")) {
        size_t End = In.find('\n', Pos);
        Pos = End == StringRef::npos ? In.size() : End + 1;
      } else if (In.substr(Pos).starts_with("(;")) {
        uint64_t Start = Pos;
        unsigned Depth = 0;
        do {
          if (In.substr(Pos).starts_with("(;")) {
            ++Depth;
            Pos += 2;
          } else if (In.substr(Pos).starts_with(";)")) {
            --Depth;
            Pos += 2;
          } else {
            ++Pos;
          }
        } while (Depth && Pos < In.size());
        if (Depth)
          return make_error<ScriptError>(Start, "unterminated block comment");
      } else {
        return Error::success();
      }
    }
    return Error::success();
  }

  /// Reads the string that starts at Pos (at its quote).
  Expected<SExpr> readString() {
    SExpr S;
    S.K = SExpr::String;
    S.Offset = Pos++;
    while (true) {
      if (Pos >= In.size())
        return make_error<ScriptError>(S.Offset, "unterminated string");
      char C = In[Pos];
      if (C == '"') {
        ++Pos;
        return S;
      }
      if (C == '\n')
        return make_error<ScriptError>(Pos, "line break in a string");
      if (C != '\\') {
        S.Text += C;
        ++Pos;
        continue;
      }
      uint64_t EscapeAt = Pos++;
      if (Pos >= In.size())
        return make_error<ScriptError>(S.Offset, "unterminated string");
      char E = In[Pos++];
      switch (E) {
      case 't':
        S.Text += '\t';
        continue;
      case 'n':
        S.Text += '\n';
        continue;
      case 'r':
        S.Text += '\r';
        continue;
      case '"':
      case '\'':
      case '\\':
        S.Text += E;
        continue;
      case 'u': {
        if (Pos >= In.size() || In[Pos] != '{')
          return make_error<ScriptError>(EscapeAt, "malformed \\u escape");
        ++Pos;
        uint32_t CodePoint = 0;
        unsigned Digits = 0;
        while (Pos < In.size() && In[Pos] != '}') {
          int D = In[Pos] == '_' ? 0 : hexValue(In[Pos]);
          if (D < 0 || CodePoint > 0x10ffff)
            return make_error<ScriptError>(EscapeAt, "malformed \\u escape");
          if (In[Pos] != '_') {
            CodePoint = CodePoint * 16 + D;
            ++Digits;
          }
          ++Pos;
        }
        if (Pos >= In.size() || !Digits || CodePoint > 0x10ffff ||
            (CodePoint >= 0xd800 && CodePoint < 0xe000))
          return make_error<ScriptError>(EscapeAt, "malformed \\u escape");
        ++Pos; // '}'
        char Buf[4];
        char *Out = Buf;
        ConvertCodePointToUTF8(CodePoint, Out);
        S.Text.append(Buf, Out);
        continue;
      }
      default: {
        int Hi = hexValue(E);
        int Lo = Pos < In.size() ? hexValue(In[Pos]) : -1;
        if (Hi < 0 || Lo < 0)
          return make_error<ScriptError>(EscapeAt, "unknown escape in string");
        ++Pos;
        S.Text += char(Hi * 16 + Lo);
        continue;
      }
      }
    }
  }

  Expected<std::vector<SExpr>> readAll(unsigned MaxDepth) {
    std::vector<SExpr> Top;
    // The lists being read, innermost last; their elements are appended
    // as they are read, so that depth costs no native stack.
    std::vector<SExpr> Open;
    auto AddNode = [&](SExpr N) {
      (Open.empty() ? Top : Open.back().Items).push_back(std::move(N));
    };
    while (true) {
      if (Error E = skipSpace())
        return std::move(E);
      if (Pos >= In.size())
        break;
      char C = In[Pos];
      if (C == '(') {
        if (Open.size() >= MaxDepth)
          return make_error<ScriptError>(Pos, "lists nested too deeply");
        SExpr L;
        L.Offset = Pos++;
        Open.push_back(std::move(L));
      } else if (C == ')') {
        if (Open.empty())
          return make_error<ScriptError>(Pos, "unexpected ')'");
        ++Pos;
        SExpr L = std::move(Open.back());
        Open.pop_back();
        AddNode(std::move(L));
      } else if (C == '"') {
        Expected<SExpr> S = readString();
        if (!S)
          return S.takeError();
        AddNode(std::move(*S));
      } else {
        SExpr A;
        A.K = SExpr::Atom;
        A.Offset = Pos;
        // A ';' that starts no comment is an atom character; the first
        // character is always taken, so that the reader always advances.
        ++Pos;
        while (Pos < In.size() && !endsAtom(In[Pos]))
          ++Pos;
        A.Text = In.slice(A.Offset, Pos).str();
        AddNode(std::move(A));
      }
    }
    if (!Open.empty())
      return make_error<ScriptError>(Open.back().Offset, "unclosed '('");
    return Top;
  }

private:
  StringRef In;
  uint64_t Pos = 0;
};

} // namespace

Expected<std::vector<SExpr>> readSExprs(StringRef Input, unsigned MaxDepth) {
  return Reader(Input).readAll(MaxDepth);
}

} // namespace w2n
