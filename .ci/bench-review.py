"""Measures `crmkit review` on a large merge plan: time from start to the first page of groups
(the address printed, the page, its script and the first 100 groups answered), the server's
memory, and the time one decision takes to be saved into the file.

usage: bench-review.py CRMKIT [GROUPS] [--browser]   (default 10000 groups of 2-4 contacts)

--browser also times the page in headless Chromium (Selenium, /usr/bin/chromedriver): from asking
for the address to the first group's table drawn.
"""
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

arguments = [argument for argument in sys.argv[1:] if argument != "--browser"]
browser = "--browser" in sys.argv
crmkit = arguments[0]
groups = int(arguments[1]) if len(arguments) > 1 else 10000
random.seed(7)
work = tempfile.mkdtemp()
plan = os.path.join(work, "merges.yaml")


def q(text):
    return json.dumps(text)


with open(plan, "w") as out:
    out.write(f"version: 1\nentity: \"contacts\"\nrecords: {groups * 3}\nthreshold: 0.95\ngroups:\n")
    record = 0
    for number in range(1, groups + 1):
        size = random.choice([2, 2, 2, 3, 4])
        ids = [str(record + i + 1) for i in range(size)]
        record += size
        out.write(f"  - group: {number}\n    band: {q(random.choice(['link', 'link', 'review']))}\n    survivor: {q(ids[0])}\n")
        out.write("    survivorRule: \"mostComplete\"\n    members:\n")
        for i, member in enumerate(ids):
            out.write(f"      - id: {q(member)}\n        name: {q(f'Person {number} Surname{i}')}\n")
            out.write(f"        emails: [{q(f'p{number}.{i}@example.com')}]\n        phones: [{q(f'+1 202 555 {number % 10000:04d}')}]\n")
            out.write(f"        jobTitle: \"Engineer\"\n        address: {q(f'{number} Main St, Springfield')}\n")
            out.write("        createdOn: \"2026-01-02\"\n        updatedOn: \"2026-03-04T05:06:07.000Z\"\n")
        out.write(f"    fields:\n      - field: \"emails\"\n        rule: \"union\"\n        values: [{', '.join(q(f'p{number}.{i}@example.com') for i in range(size))}]\n")
        out.write(f"        from: [{', '.join(q(i) for i in ids)}]\n    pairs:\n")
        for other in ids[1:]:
            out.write(f"      - records: [{q(ids[0])}, {q(other)}]\n        probability: {round(random.uniform(0.8, 1.0), 4)}\n")
            out.write("        weight: 12.5\n        decision: \"link\"\n        evidenceFor:\n          - \"email: same address +9.97\"\n")
            out.write("        evidenceAgainst:\n          - \"phone: different -3.60\"\n        reasons: []\n")
lines = sum(1 for _ in open(plan))
print(f"plan: {groups} groups, {lines} lines, {os.path.getsize(plan) / 1e6:.1f} MB")

started = time.monotonic()
server = subprocess.Popen([crmkit, "review", plan, "--no-open"], stdout=subprocess.PIPE, text=True)
try:
    url = server.stdout.readline().split(" ", 1)[1].strip()
    listening = time.monotonic()
    base = url.split("/?", 1)[0]
    token = url.split("token=", 1)[1]

    def get(path):
        request = urllib.request.Request(base + path, headers={"X-Review-Token": token})
        return urllib.request.urlopen(request).read()

    get("/")
    get("/review.js")
    get("/api/plan")
    first = json.loads(get("/api/groups?offset=0&limit=100"))
    get(f"/api/groups/{first['items'][0]['group']}")
    shown = time.monotonic()
    filtered = time.monotonic()
    get("/api/groups?offset=9000&limit=100&band=review&min=0.9&decided=no")
    filtered = time.monotonic() - filtered

    decision = time.monotonic()
    request = urllib.request.Request(base + "/api/decisions", data=json.dumps({"action": "accept", "group": max(1, groups // 2)}).encode(),
                                     headers={"X-Review-Token": token, "Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
    decision = time.monotonic() - decision

    if browser:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            for attempt in range(3):
                driver.delete_all_cookies()
                page = time.monotonic()
                driver.get(url)
                WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.records td")))
                print(f"browser: page to first group drawn {(time.monotonic() - page) * 1000:.0f} ms "
                      f"({len(driver.find_elements(By.CSS_SELECTOR, '#list li'))} groups listed)")
        finally:
            driver.quit()

    status = dict(line.split(":", 1) for line in open(f"/proc/{server.pid}/status") if ":" in line)
    print(f"address printed after {listening - started:.2f} s (plan read)")
    print(f"first page (page, script, first 100 groups, first group) after {shown - started:.2f} s")
    print(f"a filtered page deep in the list: {filtered * 1000:.0f} ms")
    print(f"one decision saved (whole plan rewritten, renamed): {decision * 1000:.0f} ms")
    print(f"server memory: resident {status['VmRSS'].strip()}, peak {status['VmHWM'].strip()}")
finally:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)
    subprocess.run(["rm", "-rf", work])
