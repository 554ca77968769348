//! The Lua 5.1 lexer: source bytes to tokens, one token at a time.
//!
//! It is written to behave exactly like PUC-Rio's `llex.c`, because syntax
//! error messages must match `lua5.1` byte for byte, and those messages
//! depend on lexer state: the line number is wherever the lexer currently
//! stands (after the last token scanned, which may be a look-ahead token),
//! and the text quoted in `near '...'` for names, strings and numbers is
//! the lexer's scratch buffer, i.e. the raw text of the most recently
//! scanned token (with string escapes already resolved). So the lexer is
//! pull-based (the parser asks for the next token when it needs it), keeps
//! the same buffer Lua keeps, and exposes its line number and buffer.
//!
//! Character classes are those of the C locale (`isalpha`, `isspace`, ...),
//! as `lua5.1` runs with. Numerals are scanned as 5.1's `read_numeral` does
//! (digits and dots, an optional exponent sign after `e`/`E`, then any
//! letters, digits and underscores) and converted by the shared
//! `spec::number::str_to_number`, so `0x10` and `3x` behave as in 5.1.
//!
//! `chunk_id` (5.1's `luaO_chunkid`) lives here too: it turns a chunk name
//! into the prefix of every error message.

use crate::ast::Name;
use crate::spec::number::str_to_number;

/// 5.1's `LUA_IDSIZE`: the buffer size `luaO_chunkid` gets for run-time
/// error positions.
pub const LUA_IDSIZE: usize = 60;

/// 5.1's `MAXSRC` in `llex.c`: syntax errors format the chunk name into a
/// larger buffer than run-time errors do.
pub const MAXSRC: usize = 80;

/// One token. Reserved words and multi-character operators have their own
/// variants; every other single byte (operators, punctuation and stray
/// bytes alike) is a `Char`, as 5.1 returns the byte itself as the token.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    Number(f64),
    Name(Name),
    /// A string literal's value, escapes resolved.
    String(Vec<u8>),
    Eos,
    Char(u8),
}

impl Token {
    /// The token as 5.1's `luaX_token2str` names it in error messages:
    /// reserved words and operators as written, `<name>`, `<string>`,
    /// `<number>`, `<eof>`, and `char(N)` for control bytes.
    pub fn describe(&self) -> Vec<u8> {
        let text: &str = match self {
            Token::And => "and",
            Token::Break => "break",
            Token::Do => "do",
            Token::Else => "else",
            Token::Elseif => "elseif",
            Token::End => "end",
            Token::False => "false",
            Token::For => "for",
            Token::Function => "function",
            Token::If => "if",
            Token::In => "in",
            Token::Local => "local",
            Token::Nil => "nil",
            Token::Not => "not",
            Token::Or => "or",
            Token::Repeat => "repeat",
            Token::Return => "return",
            Token::Then => "then",
            Token::True => "true",
            Token::Until => "until",
            Token::While => "while",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Number(_) => "<number>",
            Token::Name(_) => "<name>",
            Token::String(_) => "<string>",
            Token::Eos => "<eof>",
            Token::Char(c) if is_cntrl(*c) => return format!("char({c})").into_bytes(),
            Token::Char(c) => return vec![*c],
        };
        text.as_bytes().to_vec()
    }
}

/// The reserved word spelled `word`, if it is one.
fn reserved(word: &[u8]) -> Option<Token> {
    Some(match word {
        b"and" => Token::And,
        b"break" => Token::Break,
        b"do" => Token::Do,
        b"else" => Token::Else,
        b"elseif" => Token::Elseif,
        b"end" => Token::End,
        b"false" => Token::False,
        b"for" => Token::For,
        b"function" => Token::Function,
        b"if" => Token::If,
        b"in" => Token::In,
        b"local" => Token::Local,
        b"nil" => Token::Nil,
        b"not" => Token::Not,
        b"or" => Token::Or,
        b"repeat" => Token::Repeat,
        b"return" => Token::Return,
        b"then" => Token::Then,
        b"true" => Token::True,
        b"until" => Token::Until,
        b"while" => Token::While,
        _ => return None,
    })
}

/// Whether `word` is a reserved word (and so cannot be a name).
pub fn is_reserved(word: &[u8]) -> bool {
    reserved(word).is_some()
}

/// C's `iscntrl` in the C locale.
fn is_cntrl(c: u8) -> bool {
    c < 32 || c == 127
}

/// C's `isspace` in the C locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn is_newline(c: Option<u8>) -> bool {
    matches!(c, Some(b'\n' | b'\r'))
}

/// Bytes that may continue a name (and that `read_numeral` swallows).
fn is_name_char(c: Option<u8>) -> bool {
    matches!(c, Some(c) if c.is_ascii_alphanumeric() || c == b'_')
}

/// A lexical error, not yet prefixed with the chunk name: the parser
/// formats it as `chunk:line: msg near 'near'`.
#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    /// The lexer's line when the error was found.
    pub line: u32,
    pub msg: String,
    /// The text for the `near '...'` part; 5.1 always has one for lexical
    /// errors.
    pub near: Vec<u8>,
}

/// What an error's `near` part quotes, as in `luaX_lexerror`'s token
/// argument.
enum Near {
    /// `<eof>`
    Eos,
    /// The scratch buffer: the text of the token being scanned.
    Buffer,
    /// A fixed text (the `[` of a nested long bracket).
    Text(&'static [u8]),
}

/// A pull lexer over one chunk's bytes.
pub struct Lexer<'a> {
    src: &'a [u8],
    /// Index of the current (not yet consumed) byte; at or past the end
    /// means end of input (5.1's `EOZ`).
    pos: usize,
    linenumber: u32,
    /// 5.1's `ls->buff`: the raw text of the token being (or last) scanned.
    buf: Vec<u8>,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Lexer<'a> {
        Lexer { src, pos: 0, linenumber: 1, buf: Vec::new() }
    }

    /// The line the lexer stands on: the line where the last scanned token
    /// ended (5.1's `ls->linenumber`).
    pub fn linenumber(&self) -> u32 {
        self.linenumber
    }

    /// The raw text of the last scanned token, cut at its first NUL byte as
    /// the C string 5.1 formats into messages would be.
    pub fn near_text(&self) -> &[u8] {
        let end = self.buf.iter().position(|&b| b == 0).unwrap_or(self.buf.len());
        &self.buf[..end]
    }

    fn current(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn advance(&mut self) {
        if self.pos < self.src.len() {
            self.pos += 1;
        }
    }

    fn save_and_next(&mut self) {
        if let Some(c) = self.current() {
            self.buf.push(c);
        }
        self.advance();
    }

    /// Consumes the current byte (saving it) if it is one of `set`. 5.1
    /// tests membership with `strchr`, which also finds the set's
    /// terminating NUL: a NUL byte matches every set (so `..\0` is `...`).
    fn check_next(&mut self, set: &[u8]) -> bool {
        match self.current() {
            Some(c) if c == 0 || set.contains(&c) => {
                self.save_and_next();
                true
            }
            _ => false,
        }
    }

    fn error(&self, msg: &str, near: Near) -> LexError {
        let near = match near {
            Near::Eos => b"<eof>".to_vec(),
            Near::Buffer => self.near_text().to_vec(),
            Near::Text(t) => t.to_vec(),
        };
        LexError { line: self.linenumber, msg: msg.to_string(), near }
    }

    /// Skips one line break; `\r\n` and `\n\r` count as one.
    fn inclinenumber(&mut self) {
        let old = self.current();
        self.advance();
        if is_newline(self.current()) && self.current() != old {
            self.advance();
        }
        self.linenumber = self.linenumber.saturating_add(1);
    }

    /// Scans the next token.
    pub fn next_token(&mut self) -> Result<Token, LexError> {
        self.buf.clear();
        loop {
            let Some(c) = self.current() else {
                return Ok(Token::Eos);
            };
            match c {
                b'\n' | b'\r' => self.inclinenumber(),
                b'-' => {
                    self.advance();
                    if self.current() != Some(b'-') {
                        return Ok(Token::Char(b'-'));
                    }
                    self.advance();
                    self.skip_comment()?;
                }
                b'[' => return self.bracket(),
                b'=' => return Ok(self.maybe_eq(b'=', Token::Eq)),
                b'<' => return Ok(self.maybe_eq(b'<', Token::Le)),
                b'>' => return Ok(self.maybe_eq(b'>', Token::Ge)),
                b'~' => return Ok(self.maybe_eq(b'~', Token::Ne)),
                b'"' | b'\'' => return self.read_string(c),
                b'.' => return self.dot(),
                _ if is_space(c) => self.advance(),
                _ if c.is_ascii_digit() => return self.read_numeral(),
                _ if c.is_ascii_alphabetic() || c == b'_' => return Ok(self.read_name()),
                _ => {
                    self.advance();
                    return Ok(Token::Char(c));
                }
            }
        }
    }

    /// `c` alone, or `c=` as `two`.
    fn maybe_eq(&mut self, c: u8, two: Token) -> Token {
        self.advance();
        if self.current() == Some(b'=') {
            self.advance();
            two
        } else {
            Token::Char(c)
        }
    }

    /// After `--`: a long comment if a long bracket opens here, otherwise a
    /// comment to the end of the line.
    fn skip_comment(&mut self) -> Result<(), LexError> {
        if self.current() == Some(b'[') {
            let sep = self.skip_sep();
            self.buf.clear();
            if let Ok(level) = usize::try_from(sep) {
                self.read_long(level, false)?;
                self.buf.clear();
                return Ok(());
            }
        }
        while !matches!(self.current(), None | Some(b'\n' | b'\r')) {
            self.advance();
        }
        Ok(())
    }

    /// At `[`: a long string, or the `[` token.
    fn bracket(&mut self) -> Result<Token, LexError> {
        let sep = self.skip_sep();
        if let Ok(level) = usize::try_from(sep) {
            return Ok(Token::String(self.read_long(level, true)?));
        }
        if sep == -1 {
            return Ok(Token::Char(b'['));
        }
        Err(self.error("invalid long string delimiter", Near::Buffer))
    }

    /// Consumes `[` or `]` and the `=` after it; returns the level if the
    /// same bracket follows, else `-(level) - 1` (5.1's `skip_sep`).
    fn skip_sep(&mut self) -> isize {
        let bracket = self.current();
        self.save_and_next();
        let mut count: isize = 0;
        while self.current() == Some(b'=') {
            self.save_and_next();
            count += 1;
        }
        if self.current() == bracket {
            count
        } else {
            -count - 1
        }
    }

    /// The rest of a long string or comment whose opening bracket of level
    /// `sep` has been read up to its second `[`. Returns the contents
    /// (meaningful for strings only).
    fn read_long(&mut self, sep: usize, is_string: bool) -> Result<Vec<u8>, LexError> {
        self.save_and_next();
        // A newline right after the opening bracket is not part of it.
        if is_newline(self.current()) {
            self.inclinenumber();
        }
        loop {
            match self.current() {
                None => {
                    let msg = if is_string { "unfinished long string" } else { "unfinished long comment" };
                    return Err(self.error(msg, Near::Eos));
                }
                Some(b'[') => self.long_nested_open(sep)?,
                Some(b']') => {
                    if self.skip_sep() == sep as isize {
                        self.save_and_next();
                        break;
                    }
                }
                Some(b'\n' | b'\r') => {
                    self.buf.push(b'\n');
                    self.inclinenumber();
                    if !is_string {
                        self.buf.clear();
                    }
                }
                Some(_) if is_string => self.save_and_next(),
                Some(_) => self.advance(),
            }
        }
        let strip = sep + 2;
        let end = self.buf.len().saturating_sub(strip).max(strip);
        Ok(self.buf.get(strip..end).unwrap_or_default().to_vec())
    }

    /// A `[` inside a long string: 5.1 (built with `LUA_COMPAT_LSTR` 1)
    /// rejects a nested `[[` inside a level-0 long bracket.
    fn long_nested_open(&mut self, sep: usize) -> Result<(), LexError> {
        if self.skip_sep() == sep as isize {
            self.save_and_next();
            if sep == 0 {
                return Err(self.error("nesting of [[...]] is deprecated", Near::Text(b"[")));
            }
        }
        Ok(())
    }

    /// A short string delimited by `del`.
    fn read_string(&mut self, del: u8) -> Result<Token, LexError> {
        self.save_and_next();
        loop {
            match self.current() {
                Some(c) if c == del => break,
                None => return Err(self.error("unfinished string", Near::Eos)),
                Some(b'\n' | b'\r') => return Err(self.error("unfinished string", Near::Buffer)),
                Some(b'\\') => self.read_escape()?,
                Some(_) => self.save_and_next(),
            }
        }
        self.save_and_next();
        let value = self.buf[1..self.buf.len() - 1].to_vec();
        Ok(Token::String(value))
    }

    /// After a backslash in a short string.
    fn read_escape(&mut self) -> Result<(), LexError> {
        self.advance();
        let resolved = match self.current() {
            // Left for the string loop to report as unfinished.
            None => return Ok(()),
            Some(b'a') => 7,
            Some(b'b') => 8,
            Some(b'f') => 12,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'v') => 11,
            Some(b'\n' | b'\r') => {
                self.buf.push(b'\n');
                self.inclinenumber();
                return Ok(());
            }
            Some(c) if c.is_ascii_digit() => return self.read_decimal_escape(),
            // 5.1 keeps any other escaped byte as itself (`\\`, `\"`, `\q`).
            Some(_) => {
                self.save_and_next();
                return Ok(());
            }
        };
        self.buf.push(resolved);
        self.advance();
        Ok(())
    }

    /// `\ddd`: up to three decimal digits.
    fn read_decimal_escape(&mut self) -> Result<(), LexError> {
        let mut value: u32 = 0;
        for _ in 0..3 {
            match self.current() {
                Some(d) if d.is_ascii_digit() => {
                    value = value * 10 + u32::from(d - b'0');
                    self.advance();
                }
                _ => break,
            }
        }
        match u8::try_from(value) {
            Ok(byte) => {
                self.buf.push(byte);
                Ok(())
            }
            Err(_) => Err(self.error("escape sequence too large", Near::Buffer)),
        }
    }

    /// At `.`: `.`, `..`, `...`, or a numeral such as `.5`.
    fn dot(&mut self) -> Result<Token, LexError> {
        self.save_and_next();
        if self.check_next(b".") {
            if self.check_next(b".") {
                return Ok(Token::Dots);
            }
            return Ok(Token::Concat);
        }
        match self.current() {
            Some(c) if c.is_ascii_digit() => self.read_numeral(),
            _ => Ok(Token::Char(b'.')),
        }
    }

    /// A numeral, scanned as loosely as 5.1 does; the conversion decides
    /// whether it is well formed.
    fn read_numeral(&mut self) -> Result<Token, LexError> {
        loop {
            self.save_and_next();
            match self.current() {
                Some(c) if c.is_ascii_digit() || c == b'.' => {}
                _ => break,
            }
        }
        if self.check_next(b"Ee") {
            self.check_next(b"+-");
        }
        while is_name_char(self.current()) {
            self.save_and_next();
        }
        match str_to_number(&self.buf) {
            Some(n) => Ok(Token::Number(n)),
            None => Err(self.error("malformed number", Near::Buffer)),
        }
    }

    /// A name or reserved word.
    fn read_name(&mut self) -> Token {
        while is_name_char(self.current()) {
            self.save_and_next();
        }
        if let Some(word) = reserved(&self.buf) {
            return word;
        }
        // Name bytes are ASCII, so this is the text unchanged.
        let name: String = self.buf.iter().map(|&b| char::from(b)).collect();
        Token::Name(Name::from(name))
    }
}

/// Every token of `src` with the line it ended on, up to but excluding the
/// end of input. Handy for tests and tools; the parser pulls tokens itself.
pub fn tokenize(src: &[u8]) -> Result<Vec<(Token, u32)>, LexError> {
    let mut lexer = Lexer::new(src);
    let mut out = Vec::new();
    loop {
        let tok = lexer.next_token()?;
        if tok == Token::Eos {
            return Ok(out);
        }
        out.push((tok, lexer.linenumber()));
    }
}

/// The chunk name as run-time error messages show it (5.1's `luaO_chunkid`
/// with `LUA_IDSIZE`): `=name` shows `name`, `@file` shows the file name
/// (its tail, after `...`, when too long), anything else shows
/// `[string "first line..."]`.
pub fn chunk_id(chunkname: &[u8]) -> Vec<u8> {
    chunk_id_sized(chunkname, LUA_IDSIZE)
}

/// `luaO_chunkid` with an explicit buffer size (`LUA_IDSIZE` for run-time
/// errors, `MAXSRC` for syntax errors).
pub fn chunk_id_sized(chunkname: &[u8], bufflen: usize) -> Vec<u8> {
    // 5.1 handles the name as a C string.
    let source = match chunkname.iter().position(|&b| b == 0) {
        Some(end) => &chunkname[..end],
        None => chunkname,
    };
    match source.first() {
        Some(b'=') => source[1..].iter().take(bufflen.saturating_sub(1)).copied().collect(),
        Some(b'@') => file_chunk_id(&source[1..], bufflen),
        _ => string_chunk_id(source, bufflen),
    }
}

/// `@file`: the file name, or `...` and its last characters.
fn file_chunk_id(name: &[u8], bufflen: usize) -> Vec<u8> {
    let keep = bufflen.saturating_sub(" '...' ".len() + 1);
    if name.len() > keep {
        let mut out = b"...".to_vec();
        out.extend_from_slice(&name[name.len() - keep..]);
        out
    } else {
        name.to_vec()
    }
}

/// `[string "..."]`: the first line of the source, truncated to fit.
fn string_chunk_id(source: &[u8], bufflen: usize) -> Vec<u8> {
    let keep = bufflen.saturating_sub(" [string \"...\"] ".len() + 1);
    let line_len = source.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(source.len());
    let len = line_len.min(keep);
    let mut out = b"[string \"".to_vec();
    out.extend_from_slice(&source[..len]);
    if len < source.len() {
        out.extend_from_slice(b"...");
    }
    out.extend_from_slice(b"\"]");
    out
}
