-- reseau's pandoc worker, run as `pandoc lua pandoc_worker.lua <reader> <filter>` (pandoc.py).
--
-- It reads every document of a request, then answers each requested format of each document.
-- Reading the Markdown once for both formats and keeping the process (and its warm heap) for
-- every dossier of a renderer costs a third of one pandoc process per format.
--
-- Request:  "<count> <format>[,<format>...]\n", then the reference .docx path and each
--           Markdown text as a block "<bytes>\n<bytes of text>".
-- Answer:   for each text and format, "ok <bytes>\n<output>" or "error <bytes>\n<message>".

local reader = arg[1]
local filter_file = arg[2]  -- pandoc_filter.lua, also given to pandoc as --lua-filter
local filters = {}  -- by format: the filter builds only what its format needs

local function block()
  local line = io.read("l")
  if line == nil then return nil end
  local size = tonumber(line)
  if size == nil then error("bad request: " .. line) end
  if size == 0 then return "" end
  return io.read(size)
end

local function reply(status, payload)
  io.stdout:write(status, " ", #payload, "\n", payload)
end

local function filtered(doc, format)
  FORMAT = format  -- what a filter run by pandoc itself would see
  if filters[format] == nil then filters[format] = dofile(filter_file) end
  for _, filter in ipairs(filters[format]) do doc = doc:walk(filter) end
  return doc
end

local function convert(text, format, reference)
  local doc = pandoc.read(text, reader, nil, {})  -- {}: the reader sees no file at all
  if format == "docx" then
    local options = {}
    if reference ~= "" then options.reference_doc = reference end
    return pandoc.write(filtered(doc, format), "docx", options)
  end
  return pandoc.write(filtered(doc, format), format, {wrap_text = "preserve"})
end

io.stdout:setvbuf("full")
io.stdout:write("ready\n")
io.stdout:flush()
while true do
  local header = io.read("l")
  if header == nil then break end
  local count, formats = header:match("^(%d+) (%S+)$")
  local reference = block()
  local texts = {}
  for i = 1, tonumber(count) do texts[i] = block() end
  for _, text in ipairs(texts) do
    for format in formats:gmatch("[^,]+") do
      local ok, out = pcall(convert, text, format, reference)
      if ok then reply("ok", out) else reply("error", tostring(out)) end
    end
  end
  io.stdout:flush()
end
