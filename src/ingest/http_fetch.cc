// http_fetch.cc — a polite libcurl fetcher: robots.txt per host, a politeness delay and a
// concurrency cap per host shared by all threads, conditional GET, retries with exponential
// backoff (Retry-After honoured) on 429/5xx, redirects followed by hand so every hop is checked
// against robots.txt and the host's delay, and size/time limits.
#include <curl/curl.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "base/clock.h"
#include "ingest/http_message.h"
#include "newsgraph/ingest.h"

namespace ng {
namespace {

using Clock = std::chrono::steady_clock;

struct UrlParts {
  std::string host_key;  // scheme://host:port
  std::string path;      // path + query
};

Result<UrlParts> SplitUrl(const std::string& url) {
  CURLU* u = curl_url();
  if (!u) return Internal("curl_url failed");
  UrlParts out;
  Status st;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    st = InvalidArgument("not a URL: '" + url + "'");
  } else {
    char *scheme = nullptr, *host = nullptr, *port = nullptr, *path = nullptr, *query = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    curl_url_get(u, CURLUPART_PATH, &path, 0);
    curl_url_get(u, CURLUPART_QUERY, &query, 0);
    std::string sch = scheme ? ingest::ToLower(scheme) : "";
    if (sch != "http" && sch != "https") st = InvalidArgument("only http and https URLs can be fetched: '" + url + "'");
    else if (!host) st = InvalidArgument("URL has no host: '" + url + "'");
    else {
      out.host_key = sch + "://" + host + ":" + (port ? port : "");
      out.path = path ? path : "/";
      if (query) out.path += std::string("?") + query;
    }
    curl_free(scheme); curl_free(host); curl_free(port); curl_free(path); curl_free(query);
  }
  curl_url_cleanup(u);
  if (!st.ok()) return st;
  return out;
}

struct Response {
  CURLcode code = CURLE_OK;
  std::string error;
  long status = 0;
  ingest::Headers headers;
  std::string body;
  std::string request_head;
  std::string redirect_url;
  std::string effective_url;
  bool too_big = false;
};

struct Transfer {
  Response* r;
  uint64_t max_bytes;
};

size_t OnBody(char* p, size_t size, size_t n, void* ud) {
  auto* t = static_cast<Transfer*>(ud);
  size_t len = size * n;
  if (t->r->body.size() + len > t->max_bytes) { t->r->too_big = true; return 0; }  // aborts the transfer
  t->r->body.append(p, len);
  return len;
}

size_t OnHeader(char* p, size_t size, size_t n, void* ud) {
  auto* r = static_cast<Response*>(ud);
  std::string_view line(p, size * n);
  if (line.substr(0, 5) == "HTTP/") { r->headers.clear(); return size * n; }  // a new response (100, …)
  ingest::Headers h = ingest::ParseHeaderLines(line);
  for (auto& kv : h) r->headers.push_back(std::move(kv));
  return size * n;
}

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* ud) {
  if (type == CURLINFO_HEADER_OUT) static_cast<Response*>(ud)->request_head.assign(data, size);
  return 0;
}

// One easy handle per thread: connections are kept alive across fetches on that thread.
CURL* ThreadHandle() {
  struct Holder {
    CURL* h = curl_easy_init();
    ~Holder() { if (h) curl_easy_cleanup(h); }
  };
  thread_local Holder holder;
  return holder.h;
}

class CurlFetcher : public Fetcher {
 public:
  explicit CurlFetcher(FetchOptions o) : opt_(std::move(o)) { LoadCache(); }

  Result<FetchResult> Fetch(const std::string& url) override {
    FetchResult out;
    std::string current = url;
    std::set<std::string> seen{url};
    for (int hop = 0;; ++hop) {
      NG_ASSIGN_OR_RETURN(UrlParts parts, SplitUrl(current));
      if (opt_.obey_robots) NG_RETURN_IF_ERROR(CheckRobots(parts, current));
      Response resp;
      NG_RETURN_IF_ERROR(WithRetries(parts, current, /*conditional=*/true, &resp, &out.attempts));
      long s = resp.status;
      if (s >= 300 && s < 400 && s != 304) {
        if (resp.redirect_url.empty())
          return NotFound("HTTP " + std::to_string(s) + " without a Location header: " + current);
        out.redirects.push_back(current);
        std::string next = resp.redirect_url;
        if (seen.count(next))
          return InvalidArgument("redirect loop: " + current + " -> " + next + " (after " +
                                 std::to_string(out.redirects.size()) + " redirects)");
        if (hop + 1 > opt_.max_redirects)
          return InvalidArgument("too many redirects (over " + std::to_string(opt_.max_redirects) + ") from " + url);
        seen.insert(next);
        current = next;
        continue;
      }
      Record& rec = out.record;
      rec.url = resp.effective_url.empty() ? current : resp.effective_url;
      rec.source = url;
      rec.fetch_time = ng::NowIso8601();
      rec.http_status = static_cast<int>(s);
      rec.headers = std::move(resp.headers);
      ingest::ParseContentType(ingest::HeaderValue(rec.headers, "Content-Type"), &rec.content_type, &rec.charset);
      out.request_head = std::move(resp.request_head);
      if (s == 304) { out.not_modified = true; return out; }
      if (s == 429 || s >= 500)
        return Status(Code::kUnavailable, "HTTP " + std::to_string(s) + " from " + current + " after " +
                                              std::to_string(out.attempts) + " attempts");
      if (s >= 400) return NotFound("HTTP " + std::to_string(s) + " for " + current);
      rec.body = std::move(resp.body);
      RememberValidators(url, rec.headers);
      return out;
    }
  }

  Status SaveCache() override {
    if (opt_.cache_path.empty()) return Status::Ok();
    std::lock_guard lock(mu_);
    std::string tmp = opt_.cache_path + ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (!f) return IoError(tmp + ": cannot write the fetch cache");
      for (const auto& [u, v] : validators_) f << u << '\t' << v.first << '\t' << v.second << '\n';
      if (!f) return IoError(tmp + ": write failed");
    }
    if (std::rename(tmp.c_str(), opt_.cache_path.c_str()) != 0) return IoError(opt_.cache_path + ": rename failed");
    return Status::Ok();
  }

 private:
  struct Host {
    int active = 0;
    Clock::time_point next_start{};
    int robots_state = 0;  // 0 unknown, 1 loading, 2 known
    std::string robots;    // body; empty = everything allowed
    bool robots_block_all = false;
    std::string robots_note;
  };

  void LoadCache() {
    if (opt_.cache_path.empty()) return;
    std::ifstream f(opt_.cache_path, std::ios::binary);
    std::string line;
    while (std::getline(f, line)) {
      size_t a = line.find('\t'), b = a == std::string::npos ? a : line.find('\t', a + 1);
      if (b == std::string::npos) continue;
      validators_[line.substr(0, a)] = {line.substr(a + 1, b - a - 1), line.substr(b + 1)};
    }
  }

  void RememberValidators(const std::string& url, const ingest::Headers& h) {
    std::string etag(ingest::HeaderValue(h, "ETag")), lm(ingest::HeaderValue(h, "Last-Modified"));
    if (etag.empty() && lm.empty()) return;
    std::lock_guard lock(mu_);
    validators_[url] = {etag, lm};
  }

  // Waits for the host's politeness gap and a free slot.
  void Acquire(const std::string& host) {
    std::unique_lock lock(mu_);
    for (;;) {
      Host& h = hosts_[host];
      auto now = Clock::now();
      if (h.active < opt_.per_host_concurrency && now >= h.next_start) {
        ++h.active;
        h.next_start = now + std::chrono::milliseconds(opt_.delay_ms);
        return;
      }
      if (h.active < opt_.per_host_concurrency) cv_.wait_until(lock, h.next_start);
      else cv_.wait(lock);
    }
  }
  void Release(const std::string& host) {
    {
      std::lock_guard lock(mu_);
      --hosts_[host].active;
    }
    cv_.notify_all();
  }

  void Perform(const std::string& url, bool conditional, Response* r) {
    CURL* c = ThreadHandle();
    curl_easy_reset(c);
    Transfer t{r, opt_.max_bytes};
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_slist* hdrs = nullptr;
    if (conditional) {
      std::lock_guard lock(mu_);
      auto it = validators_.find(url);
      if (it != validators_.end()) {
        if (!it->second.first.empty()) hdrs = curl_slist_append(hdrs, ("If-None-Match: " + it->second.first).c_str());
        if (!it->second.second.empty()) hdrs = curl_slist_append(hdrs, ("If-Modified-Since: " + it->second.second).c_str());
      }
    }
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_USERAGENT, opt_.user_agent.c_str());
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every coding libcurl can decode (gzip, br)
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(opt_.timeout_ms));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opt_.connect_timeout_ms));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(opt_.max_bytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, OnDebug);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, r);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // only feeds OnDebug; nothing is printed
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    if (hdrs) curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    r->code = curl_easy_perform(c);
    r->error = errbuf[0] ? errbuf : curl_easy_strerror(r->code);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    char* redirect = nullptr;
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK && redirect) r->redirect_url = redirect;
    char* eff = nullptr;
    if (curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff) r->effective_url = eff;
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(hdrs);
  }

  static bool Transient(CURLcode c) {
    return c == CURLE_COULDNT_CONNECT || c == CURLE_RECV_ERROR || c == CURLE_SEND_ERROR ||
           c == CURLE_GOT_NOTHING || c == CURLE_PARTIAL_FILE;
  }

  // Retry-After: seconds or an HTTP date; -1 when absent or unreadable.
  static long RetryAfterMs(const ingest::Headers& h) {
    std::string v(ingest::Trim(ingest::HeaderValue(h, "Retry-After")));
    if (v.empty()) return -1;
    if (v.find_first_not_of("0123456789") == std::string::npos && v.size() < 9) return std::stol(v) * 1000;
    time_t when = curl_getdate(v.c_str(), nullptr);
    if (when < 0) return -1;
    long d = static_cast<long>(when - std::time(nullptr));
    return d < 0 ? 0 : d * 1000;
  }

  Status WithRetries(const UrlParts& parts, const std::string& url, bool conditional, Response* out, int* attempts) {
    for (int attempt = 0;; ++attempt) {
      *out = Response();
      Acquire(parts.host_key);
      Perform(url, conditional, out);
      Release(parts.host_key);
      ++*attempts;
      if (out->too_big || out->code == CURLE_FILESIZE_EXCEEDED)
        return ResourceExhausted("body of " + url + " is over --max-bytes " + std::to_string(opt_.max_bytes));
      if (out->code == CURLE_OPERATION_TIMEDOUT)
        return Status(Code::kUnavailable, "timed out after " + std::to_string(opt_.timeout_ms) + " ms: " + url);
      bool retry_status = out->code == CURLE_OK && (out->status == 429 || out->status >= 500);
      bool retry_net = out->code != CURLE_OK && Transient(out->code);
      if (out->code != CURLE_OK && !retry_net)
        return Status(Code::kUnavailable, url + ": " + out->error);
      if (!retry_status && !retry_net) return Status::Ok();
      if (attempt >= opt_.max_retries) {
        if (retry_net) return Status(Code::kUnavailable, url + ": " + out->error + " (after " + std::to_string(*attempts) + " attempts)");
        return Status::Ok();  // the caller reports the final status
      }
      long wait = static_cast<long>(opt_.backoff_ms) << std::min(attempt, 16);
      long ra = retry_status ? RetryAfterMs(out->headers) : -1;
      if (ra >= 0) {
        if (ra > opt_.max_retry_wait_ms)
          return Status(Code::kUnavailable, "HTTP " + std::to_string(out->status) + " from " + url + " with Retry-After " +
                                                std::to_string(ra / 1000) + " s, over the limit of " +
                                                std::to_string(opt_.max_retry_wait_ms / 1000) + " s");
        wait = ra;
      }
      wait = std::min<long>(wait, opt_.max_retry_wait_ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
  }

  Status CheckRobots(const UrlParts& parts, const std::string& url) {
    {
      std::unique_lock lock(mu_);
      Host& h = hosts_[parts.host_key];
      cv_.wait(lock, [&] { return hosts_[parts.host_key].robots_state != 1; });
      if (h.robots_state == 0) {
        h.robots_state = 1;
        lock.unlock();
        Response r;
        int attempts = 0;
        std::string robots_url = parts.host_key + "/robots.txt";  // scheme://host:port/robots.txt
        Status st = WithRetries(parts, robots_url, false, &r, &attempts);
        lock.lock();
        Host& hh = hosts_[parts.host_key];
        hh.robots_state = 2;
        if (st.ok() && r.status >= 200 && r.status < 300) hh.robots = std::move(r.body);
        else if (st.ok() && r.status >= 400 && r.status < 500) hh.robots.clear();  // no robots.txt: all allowed
        else if (st.ok() && r.status >= 300 && r.status < 400) hh.robots.clear();
        else {
          hh.robots_block_all = true;
          hh.robots_note = st.ok() ? "HTTP " + std::to_string(r.status) : st.message();
        }
        cv_.notify_all();
      }
    }
    std::lock_guard lock(mu_);
    const Host& h = hosts_[parts.host_key];
    if (h.robots_block_all)
      return Status(Code::kUnavailable, "robots.txt of " + parts.host_key + " is unavailable (" + h.robots_note +
                                            "): not fetching " + url);
    if (!RobotsAllows(h.robots, opt_.user_agent, parts.path))
      return Status(Code::kUnavailable, "robots.txt of " + parts.host_key + " disallows " + parts.path + " for '" +
                                            opt_.user_agent.substr(0, opt_.user_agent.find_first_of("/ ")) + "'");
    return Status::Ok();
  }

  FetchOptions opt_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Host> hosts_;
  std::map<std::string, std::pair<std::string, std::string>> validators_;
};

}  // namespace

Result<std::unique_ptr<Fetcher>> Fetcher::Create(const FetchOptions& options) {
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) return Internal(std::string("libcurl init failed: ") + curl_easy_strerror(init));
  if (options.delay_ms < 0 || options.per_host_concurrency < 1 || options.max_redirects < 0)
    return InvalidArgument("fetch options: delay must be >= 0, concurrency >= 1, redirects >= 0");
  return std::unique_ptr<Fetcher>(new CurlFetcher(options));
}

}  // namespace ng
