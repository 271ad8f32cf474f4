#include "util/figures.h"

#include <string_view>

#include "util/atomic_file.h"
#include "util/json.h"

namespace wse::util {
namespace {

const Json& Field(const Json& obj, std::string_view key, const std::string& where) {
  const Json* v = obj.Get(key);
  if (v == nullptr) throw JsonError(where + ": missing field \"" + std::string(key) + "\"");
  return *v;
}

}  // namespace

std::vector<Figure> ReadFigures(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  const std::string src = path.string();
  const Json doc = Json::Parse(ReadFile(path), src);
  if (!doc.IsObject()) throw JsonError(src + ": expected an object with a \"figures\" array");
  const Json& list = Field(doc, "figures", src);
  if (!list.IsArray()) throw JsonError(src + ": field \"figures\" must be an array");
  std::vector<Figure> out;
  size_t i = 0;
  for (const Json& f : list.Items()) {
    const std::string where = src + ": figures[" + std::to_string(i++) + "]";
    if (!f.IsObject()) throw JsonError(where + ": expected an object");
    try {
      out.push_back({Field(f, "name", where).AsString(), Field(f, "value", where).AsDouble(),
                     Field(f, "unit", where).AsString()});
    } catch (const JsonError& e) {
      const std::string what = e.what();
      throw JsonError(what.rfind(src, 0) == 0 ? what : where + ": " + what);
    }
  }
  return out;
}

std::vector<Figure> MergeFigures(std::vector<Figure> stored, const std::vector<Figure>& fresh) {
  for (const Figure& f : fresh) {
    bool replaced = false;
    for (Figure& s : stored) {
      if (s.name == f.name) {
        s = f;
        replaced = true;
        break;
      }
    }
    if (!replaced) stored.push_back(f);
  }
  return stored;
}

size_t WriteFigures(const std::filesystem::path& path, const std::vector<Figure>& fresh) {
  const std::vector<Figure> all = MergeFigures(ReadFigures(path), fresh);
  Json list = Json::Array();
  for (const Figure& f : all) {
    Json j = Json::Object();
    j.Set("name", Json(f.name));
    j.Set("value", Json(f.value));
    j.Set("unit", Json(f.unit));
    list.Push(std::move(j));
  }
  Json doc = Json::Object();
  doc.Set("figures", std::move(list));
  WriteFileAtomic(path, doc.Dump(2) + "\n");
  return all.size();
}

}  // namespace wse::util
