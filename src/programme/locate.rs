//! Finds where a value sits in a JSON text, so that problems found after parsing can still
//! name a line and column. The text has already parsed, so the walker can be simple: it only
//! has to skip strings, numbers and literals correctly.

/// One step of a field path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Renders a path the way users read it: `days[1].blocks[3].minutes`.
pub fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Line and column (both 1-based, column counted in characters) of the value at `path`.
/// When a key is missing, the position of the closest enclosing value is returned.
pub fn locate(text: &str, path: &[Seg]) -> (usize, usize) {
    line_col(text, offset(text, path))
}

/// Line and column of a character of the string at `path`: the `index`th character (from 0)
/// of the string as read, found in the text as written, where an escape such as `\u0007`
/// stands for one character. Past the string's end, or when the value is no string, the
/// value's position as [`locate`] gives it.
pub fn locate_char(text: &str, path: &[Seg], index: usize) -> (usize, usize) {
    let start = offset(text, path);
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'"') {
        return line_col(text, start);
    }
    let mut at = start + 1;
    for _ in 0..index {
        at += match bytes.get(at) {
            None | Some(b'"') => return line_col(text, start),
            Some(b'\\') if bytes.get(at + 1) == Some(&b'u') => {
                // A surrogate pair is two escapes for one character.
                let high = text.get(at + 2..at + 6).map(|h| h.to_ascii_lowercase());
                let pair = high.is_some_and(|h| ("d800".."dc00").contains(&h.as_str()))
                    && text.get(at + 6..at + 8) == Some("\\u");
                if pair { 12 } else { 6 }
            }
            Some(b'\\') => 2,
            Some(_) => text[at..].chars().next().map_or(1, char::len_utf8),
        };
    }
    line_col(text, at)
}

/// The byte offset of the value at `path`; when a key is missing, of the closest enclosing
/// value.
fn offset(text: &str, path: &[Seg]) -> usize {
    let bytes = text.as_bytes();
    let mut walker = Walker { bytes, pos: 0 };
    walker.skip_ws();
    let mut found = walker.pos;
    for seg in path {
        match walker.enter(seg) {
            Some(pos) => {
                found = pos;
                walker.pos = pos;
            }
            None => break,
        }
    }
    found
}

/// Line and column of the key itself (its opening quote) of the field at `path`; for an index,
/// or when the key is not found, the position of the value as [`locate`] gives it.
pub fn locate_key(text: &str, path: &[Seg]) -> (usize, usize) {
    let Some((Seg::Key(want), parent)) = path.split_last() else {
        return locate(text, path);
    };
    let mut walker = Walker {
        bytes: text.as_bytes(),
        pos: 0,
    };
    walker.skip_ws();
    for seg in parent {
        match walker.enter(seg) {
            Some(pos) => walker.pos = pos,
            None => return locate(text, path),
        }
    }
    match walker.key_start(want) {
        Some(pos) => line_col(text, pos),
        None => locate(text, path),
    }
}

/// Converts serde_json's position (1-based line, 1-based column counted in bytes) to a
/// 1-based line and character column.
pub fn char_position(text: &str, line: usize, byte_column: usize) -> (usize, usize) {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    line_col(text, line_start + byte_column.saturating_sub(1))
}

/// Converts a byte offset to a 1-based line and character column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Walker<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// From the start of an object, finds the opening quote of the key `want`.
    fn key_start(&mut self, want: &str) -> Option<usize> {
        if self.peek()? != b'{' {
            return None;
        }
        self.pos += 1;
        loop {
            self.skip_ws();
            if self.peek()? == b'}' {
                return None;
            }
            let start = self.pos;
            let key = self.string()?;
            if key == want {
                return Some(start);
            }
            self.skip_ws();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.skip_ws();
            self.skip_value()?;
            self.skip_ws();
            if self.peek()? == b',' {
                self.pos += 1;
            }
        }
    }

    /// From the start of a container value, finds the start of the child named by `seg`.
    fn enter(&mut self, seg: &Seg) -> Option<usize> {
        match (self.peek()?, seg) {
            (b'{', Seg::Key(want)) => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    if self.peek()? == b'}' {
                        return None;
                    }
                    let key = self.string()?;
                    self.skip_ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.pos += 1;
                    self.skip_ws();
                    if &key == want {
                        return Some(self.pos);
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                }
            }
            (b'[', Seg::Index(want)) => {
                self.pos += 1;
                let mut index = 0;
                loop {
                    self.skip_ws();
                    if self.peek()? == b']' {
                        return None;
                    }
                    if index == *want {
                        return Some(self.pos);
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                    index += 1;
                }
            }
            _ => None,
        }
    }

    /// Reads a string token and returns its (unescaped enough to compare keys) content.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.pos;
        self.skip_string()?;
        serde_json::from_slice::<String>(&self.bytes[start..self.pos]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": [1, {\"b\": \"x,}\"}, {\"b\": 7}],\n  \"c\": 2\n}";
        let path = [Seg::Key("a".into()), Seg::Index(2), Seg::Key("b".into())];
        assert_eq!(locate(text, &path), (2, 32));
        assert_eq!(locate(text, &[Seg::Key("c".into())]), (3, 8));
        assert_eq!(render(&path), "a[2].b");
    }

    #[test]
    fn finds_keys_and_converts_byte_columns() {
        let text = "{\n  \"é\": {\"zz\": 1, \"k\": 2}\n}";
        let path = [Seg::Key("é".into()), Seg::Key("k".into())];
        assert_eq!(locate_key(text, &path), (2, 18));
        assert_eq!(locate(text, &path), (2, 23));
        // serde_json would say line 2, byte column 9 for the `{` after `"é": `.
        assert_eq!(char_position(text, 2, 9), (2, 8));
    }

    #[test]
    fn finds_a_character_inside_a_string_past_escapes() {
        let text = "{\"a\": [\"x\\u00e9\\n\\ud83d\\ude00é\\u0007\"]}";
        let path = [Seg::Key("a".into()), Seg::Index(0)];
        // x, é (6 bytes), line feed (2), 😀 (12), é (1 character), then the bell.
        assert_eq!(locate_char(text, &path, 0), (1, 9));
        assert_eq!(locate_char(text, &path, 1), (1, 10));
        assert_eq!(locate_char(text, &path, 2), (1, 16));
        assert_eq!(locate_char(text, &path, 3), (1, 18));
        assert_eq!(locate_char(text, &path, 4), (1, 30));
        assert_eq!(locate_char(text, &path, 5), (1, 31));
        // Past the end: the string itself.
        assert_eq!(locate_char(text, &path, 9), (1, 8));
    }

    #[test]
    fn missing_key_points_at_parent() {
        let text = "{\"a\": {\"x\": 1}}";
        let path = [Seg::Key("a".into()), Seg::Key("zz".into())];
        assert_eq!(locate(text, &path), (1, 7));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"né\": \"ไทย\", \"k\": 1}";
        assert_eq!(locate(text, &[Seg::Key("k".into())]), (1, 20));
    }
}
