"""Fetch the home and sign-in pages and sign in as the demo attorney, as a browser would."""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base = sys.argv[1]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def get(path):
    with opener.open(base + path, timeout=10) as response:
        return response.status, response.read().decode()


status, _ = get("/")
assert status == 200, f"home page: {status}"
status, body = get("/accounts/login/")
assert status == 200, f"sign-in page: {status}"
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
data = urllib.parse.urlencode(
    {"csrfmiddlewaretoken": token, "login": "attorney@example.org", "password": "demo-pass-2026"}
).encode()
request = urllib.request.Request(  # noqa: S310 (our own http URL)
    base + "/accounts/login/", data=data, headers={"Referer": base}
)
with opener.open(request, timeout=10) as response:
    final = response.geturl()
    page = response.read().decode()
assert "/account/" in final, f"sign-in did not reach My Account: {final}"
assert "attorney@example.org" in page
print(f"smoke: home 200, sign-in 200, demo attorney signed in -> {final}")
