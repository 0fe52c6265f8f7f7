// cpp_exceptions: C++ exceptions through Windows SEH (RaiseException, RtlVirtualUnwind,
// RtlUnwindEx): destructors run while unwinding, rethrow, nested handlers, catch(...),
// exceptions through several frames; with an argument, an uncaught exception (std::terminate).
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

struct Noisy {
  std::string name;
  explicit Noisy(std::string n) : name(std::move(n)) { std::printf("construct %s\n", name.c_str()); }
  ~Noisy() { std::printf("destroy %s\n", name.c_str()); }
};

struct MyError : std::runtime_error {
  int code;
  MyError(const char *what, int c) : std::runtime_error(what), code(c) {}
};

static int depth_throw(int n) {
  Noisy guard("level " + std::to_string(n));
  if (n == 0) throw MyError("bottom reached", 42);
  return depth_throw(n - 1) + 1;
}

static void rethrower() {
  try {
    throw std::out_of_range("index 7");
  } catch (const std::exception &e) {
    std::printf("rethrowing [%s]\n", e.what());
    throw;
  }
}

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1) {
    Noisy never("uncaught");
    throw std::runtime_error("nobody catches this");
  }
  try {
    depth_throw(3);
  } catch (const MyError &e) {
    std::printf("caught MyError [%s] code %d\n", e.what(), e.code);
  }
  try {
    rethrower();
  } catch (const std::out_of_range &e) {
    std::printf("caught out_of_range [%s]\n", e.what());
  }
  try {
    try {
      throw 17;
    } catch (int v) {
      std::printf("inner caught int %d\n", v);
      throw std::string("converted");
    }
  } catch (const std::string &s) {
    std::printf("outer caught string %s\n", s.c_str());
  }
  try {
    std::vector<int> v(3);
    (void)v.at(10);
  } catch (...) {
    std::printf("caught ... from vector::at\n");
  }
  int total = 0;
  for (int i = 0; i < 200; i++) {
    try {
      if (i % 3 == 0) throw i;
      total += i;
    } catch (int x) {
      total -= x;
    }
  }
  std::printf("loop total %d\n", total);
  std::map<std::string, int> m{{"a", 1}};
  try {
    m.at("missing");
  } catch (const std::out_of_range &) {
    std::printf("map::at threw out_of_range\n");
  }
  return 5;
}
