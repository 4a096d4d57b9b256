-- reseau's pandoc filter: print-grade tables and literal text, for Word and Typst.
--
-- Used by the worker (pandoc_worker.lua, which sets FORMAT before each write) and by the
-- one-process-per-document fallback (`pandoc --lua-filter`), so both give the same bytes.
--
-- * Column widths follow the content (names wide, yes/no narrow) unless the template chose
--   unequal widths itself; long cells then wrap inside their column.
-- * Columns without an alignment are left-aligned (long text is never centred).
-- * A table whose last column is empty under a heading is a signature table: its rows are made
--   at least 15 mm tall, room to sign and stamp.
-- * Word: when every level-2 heading starts with its number (1., 2., 3. ...), the typed
--   numbers give way to Word's own numbering (numId 7301, defined by word_finish.py), so that an
--   article inserted in Word renumbers the ones after it.
-- * Word: an image becomes its description (like --sandbox: a custom template cannot embed a
--   local file).
-- * Typst: the markup shorthands pandoc leaves alone ("...", "-?", "-1") are escaped, so user
--   text stays as typed (no ellipsis glyph, no invisible soft hyphen, no minus sign).

local SIGNATURE_HEIGHT_MM = 15
local MIN_SHARE = 0.06          -- no column narrower than this share of the line
local LONG_CELL = 38            -- characters beyond which a cell wraps rather than widens

local function cell_text(cell)
  return pandoc.utils.stringify(cell.contents)
end

local function longest_word(text)
  local best = 0
  for word in text:gmatch("%S+") do
    local n = utf8.len(word) or #word
    if n > best then best = n end
  end
  return best
end

local function body_rows(tbl)
  local rows = {}
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do rows[#rows + 1] = row end
  end
  return rows
end

local function header_cells(tbl)
  local rows = tbl.head.rows
  if #rows == 0 then return {} end
  return rows[#rows].cells
end

-- A signature table: a titled last column whose body cells are all empty.
local function is_signature_table(tbl)
  local head = header_cells(tbl)
  local ncols = #tbl.colspecs
  if ncols < 2 or #head ~= ncols or cell_text(head[ncols]) == "" then return false end
  local rows = body_rows(tbl)
  if #rows == 0 then return false end
  for _, row in ipairs(rows) do
    local cell = row.cells[#row.cells]
    if #row.cells ~= ncols or cell_text(cell) ~= "" then return false end
  end
  return true
end

local function chosen_widths(tbl)
  -- Widths the template asked for with unequal separator dashes; equal ones are no choice.
  local first = tbl.colspecs[1][2]
  if type(first) ~= "number" then return false end
  for _, spec in ipairs(tbl.colspecs) do
    local w = spec[2]
    if type(w) ~= "number" or math.abs(w - first) > 1e-6 then return true end
  end
  return false
end

-- In characters of body text: a line of the page, and a cell's padding.
local LINE_CHARS = 85
local CELL_PADDING = 2

local function content_widths(tbl)
  -- Each column gets at least its longest word (never cut), then the room left is shared in
  -- proportion to how much more its longest cell (capped: long cells wrap) would like.
  local ncols = #tbl.colspecs
  local least, want = {}, {}
  for i = 1, ncols do least[i], want[i] = 3, 3 end
  local function measure(cells)
    for i, cell in ipairs(cells) do
      if i <= ncols then
        local text = cell_text(cell)
        least[i] = math.max(least[i], math.min(longest_word(text), LONG_CELL))
        want[i] = math.max(want[i], math.min(utf8.len(text) or #text, LONG_CELL))
      end
    end
  end
  measure(header_cells(tbl))
  for _, row in ipairs(body_rows(tbl)) do measure(row.cells) end
  local floor, extra = 0, 0
  for i = 1, ncols do
    least[i] = least[i] + CELL_PADDING
    want[i] = math.max(want[i] + CELL_PADDING, least[i])
    floor = floor + least[i]
    extra = extra + want[i] - least[i]
  end
  local room = math.max(LINE_CHARS - floor, 0)
  local widths, sum = {}, 0
  for i = 1, ncols do
    local share = extra > 0 and (want[i] - least[i]) / extra or 0
    widths[i] = least[i] + math.min(room * share, want[i] - least[i])
    sum = sum + widths[i]
  end
  if sum < LINE_CHARS then  -- short tables still span the line, spread evenly
    for i = 1, ncols do widths[i] = widths[i] + (LINE_CHARS - sum) / ncols end
    sum = LINE_CHARS
  end
  for i = 1, ncols do widths[i] = math.max(widths[i] / sum, MIN_SHARE) end
  return widths
end

local function signature_space()
  if FORMAT == "docx" then
    local twips = math.floor(SIGNATURE_HEIGHT_MM * 1440 / 25.4 + 0.5)
    return pandoc.RawBlock("openxml", string.format(
      '<w:p><w:pPr><w:pStyle w:val="Compact"/><w:spacing w:before="0" w:after="0" '
      .. 'w:line="%d" w:lineRule="atLeast"/></w:pPr></w:p>', twips))
  end
  return pandoc.RawBlock("typst", string.format("#box(height: %dmm)", SIGNATURE_HEIGHT_MM))
end

local function fit_table(tbl)
  local signature = is_signature_table(tbl)
  if not chosen_widths(tbl) then
    local widths = content_widths(tbl)
    if signature then  -- the column to sign in gets room whatever its heading's length
      local ncols = #widths
      local rest = 0
      for i = 1, ncols - 1 do rest = rest + widths[i] end
      for i = 1, ncols - 1 do widths[i] = widths[i] / rest * 0.6 end
      widths[ncols] = 0.4
    end
    for i, spec in ipairs(tbl.colspecs) do tbl.colspecs[i] = {spec[1], widths[i]} end
  end
  -- Text reads from the left: a column without a stated alignment is left-aligned (Typst
  -- would otherwise centre it, as pandoc places the table in a centred block).
  for i, spec in ipairs(tbl.colspecs) do
    if spec[1] == "AlignDefault" then tbl.colspecs[i] = {"AlignLeft", spec[2]} end
  end
  if signature then
    for _, row in ipairs(body_rows(tbl)) do
      row.cells[#row.cells].contents = {signature_space()}
    end
  end
  return tbl
end

-- Typst markup shorthands inside words: "..." (ellipsis), "-?" (soft hyphen), "-1" (minus).
local function has_shorthand(text)
  return text:find("...", 1, true) or text:find("-?", 1, true) or text:find("%-%d")
end

local function typst_literal(str)
  local text = str.text
  if not has_shorthand(text) then return nil end
  local out = {}
  local from = 1  -- start of the plain text not yet emitted
  local function escape_at(i)
    if i > from then out[#out + 1] = pandoc.Str(text:sub(from, i - 1)) end
    out[#out + 1] = pandoc.RawInline("typst", "\\" .. text:sub(i, i))
    from = i + 1
  end
  local i = text:find("[%.%-]")
  while i do
    local c = text:sub(i, i)
    if c == "." then
      local last = select(2, text:find("^%.+", i))
      if last - i >= 2 then  -- three dots or more: every one escaped
        for j = i, last do escape_at(j) end
      end
      i = last
    elseif text:sub(i + 1, i + 1):match("[%?%d]") then
      escape_at(i)
    end
    i = text:find("[%.%-]", i + 1)
  end
  if from <= #text then out[#out + 1] = pandoc.Str(text:sub(from)) end
  return out
end

-- Word numbering of articles ---------------------------------------------------------------

local ARTICLE_NUM_ID = 7301

local function typed_number(header)
  local first, second = header.content[1], header.content[2]
  if header.level ~= 2 or not first or first.t ~= "Str" or not second
      or second.t ~= "Space" then
    return nil
  end
  local n = first.text:match("^(%d+)%.$")
  return n and tonumber(n)
end

local function xml_text(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"))
end

local function word_article(header)
  local rest = pandoc.Inlines({})
  for i = 3, #header.content do rest:insert(header.content[i]) end
  return pandoc.RawBlock("openxml", string.format(
    '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/>'
    .. '<w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">%s</w:t></w:r>'
    .. '</w:p>', ARTICLE_NUM_ID, xml_text(pandoc.utils.stringify(rest))))
end

local function word_numbering(doc)
  local expected = 1
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 2 then
      if typed_number(block) ~= expected then return nil end
      expected = expected + 1
    end
  end
  if expected == 1 then return nil end
  doc.blocks = doc.blocks:map(function(block)
    if block.t == "Header" and block.level == 2 then return word_article(block) end
    return block
  end)
  return doc
end

-- Only what the format needs: each element type a filter names costs a pass over the document.
if FORMAT == "docx" then
  return {
    {Table = fit_table, Image = function(image) return image.caption end},
    {Pandoc = word_numbering},
  }
end
-- Typst: only the blocks whose text holds a shorthand have their words looked at (visiting
-- every word of a long document from Lua would cost more than the conversion itself).
local function literal_block(block)
  if has_shorthand(pandoc.utils.stringify(block)) then
    return block:walk({Str = typst_literal})
  end
end

if FORMAT == "typst" then
  return {{Table = fit_table, Para = literal_block, Plain = literal_block,
           Header = literal_block, LineBlock = literal_block}}
end
return {{Table = fit_table}}
