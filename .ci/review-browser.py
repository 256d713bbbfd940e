"""Browser test of `crmkit review`: a real Chromium driven by Selenium (chromium-driver from Debian).

Plants three pairs of duplicates in a fresh sandbox, writes a merge plan, reviews it in the page
(reject one group, accept one, change the survivor of a third), reloads and checks the page shows
the decisions, then runs `crmkit dedupe apply --yes` on the saved file and checks the CRM. Saves a
screenshot of one group for docs/review.md.

usage: review-browser.py CRMKIT WORKDIR SCREENSHOT.png
"""
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CRMKIT, WORK, SCREENSHOT = sys.argv[1:4]
DB = os.path.join(WORK, "sandbox.sqlite")
PEOPLE = [
    {"name": "Jane Doe", "email": [{"value": "jane.doe@acme.example"}], "phone": [{"value": "+1 202 555 0142"}], "jobTitle": "CTO"},
    {"name": "Jane Doe", "email": [{"value": "Jane.Doe@acme.example"}, {"value": "jdoe@home.example"}], "phone": [{"value": "(202) 555-0199"}]},
    {"name": "Max Mustermann", "email": [{"value": "max@muster.example"}], "phone": [{"value": "+49 30 1234567"}]},
    {"name": "Max Mustermann", "email": [{"value": "max.m@privat.example"}], "phone": [{"value": "+49 30 1234567"}]},
    {"name": "Ada Lovelace", "email": [{"value": "ada@analytical.example"}], "phone": [{"value": "+44 20 7946 0018"}], "jobTitle": "Analyst"},
    {"name": "Ada Lovelace", "email": [{"value": "ada.l@home.example"}], "phone": [{"value": "+44 20 7946 0018"}]},
    {"name": "Walter Bishop", "email": [{"value": "walter@fringe.example"}]},
]


def crmkit(*arguments):
    result = subprocess.run([CRMKIT, *arguments], cwd=WORK, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"crmkit {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def contacts():
    return json.loads(crmkit("contacts", "list", "--size", "100", "--json", "--sandbox", DB))["items"]


def check(condition, message):
    if not condition:
        sys.exit("FAIL: " + message)
    print("ok:", message)


for person in PEOPLE:
    crmkit("contacts", "create", "--sandbox", DB, "--data", json.dumps(person))
crmkit("dedupe", "contacts", "--sandbox", DB, "--out", "merges.yaml")

server = subprocess.Popen([CRMKIT, "review", "merges.yaml", "--no-open"], cwd=WORK, stdout=subprocess.PIPE, text=True)
line = server.stdout.readline().strip()
check(line.startswith("review http://127.0.0.1:"), "the server prints its address")
url = line.split(" ", 1)[1]
base = url.split("/?", 1)[0]

try:
    urllib.request.urlopen(base + "/api/groups")
    check(False, "a request without the token is refused")
except urllib.error.HTTPError as error:
    check(error.code == 401, f"a request without the token is refused ({error.code})")

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1050", "--lang=en"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 10)


def open_group(name):
    item = wait.until(EC.element_to_be_clickable((By.XPATH, f'//ol[@id="list"]/li[contains(., "{name}")]')))
    number = item.get_attribute("data-group")
    item.click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#group h2"), f"Group {number} "))
    return number


def press(key):
    driver.find_element(By.TAG_NAME, "body").send_keys(key)


def band_becomes(band):
    wait.until(EC.text_to_be_present_in_element((By.ID, "group-band"), band))


try:
    driver.get(base + "/")
    check("token" in driver.find_element(By.TAG_NAME, "body").text, "the page without the token is refused")
    driver.get(url)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#list li")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#list li")) == 3, "three groups listed")
    check("3 of 3 groups left" in driver.find_element(By.ID, "counts").text, "the count of what is left")

    jane = open_group("Jane Doe")
    driver.save_screenshot(SCREENSHOT)
    check(len(driver.find_elements(By.CSS_SELECTOR, "td.differs")) > 0, "differences are highlighted")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".bar.for")) > 0, "evidence bars are drawn")
    press("a")
    wait.until(lambda d: "2 of 3 groups left" in d.find_element(By.ID, "counts").text)

    max_group = open_group("Max Mustermann")
    driver.find_element(By.ID, "reject").click()
    wait.until(lambda d: "1 of 3 groups left" in d.find_element(By.ID, "counts").text)
    press("u")
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#group h2"), f"Group {max_group} "))
    band_becomes("link")
    check("2 of 3 groups left" in driver.find_element(By.ID, "counts").text, "undo puts the rejected group back")
    driver.find_element(By.ID, "reject").click()
    wait.until(lambda d: "1 of 3 groups left" in d.find_element(By.ID, "counts").text)

    ada = open_group("Ada Lovelace")
    second = driver.find_elements(By.CSS_SELECTOR, "table.records thead th[data-member]")[1].get_attribute("data-member")
    press("2")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'table.records thead th.survivor[data-member="{second}"]')))

    driver.refresh()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#list li")))
    check("1 of 3 groups left" in driver.find_element(By.ID, "counts").text, "after a reload one group is left")
    open_group("Jane Doe")
    band_becomes("link")
    check("decided" in driver.find_element(By.CSS_SELECTOR, "#group h2").text, "Jane's group shows as decided after a reload")
    open_group("Max Mustermann")
    band_becomes("rejected")
    check(True, "Max's group shows as rejected after a reload")
    open_group("Ada Lovelace")
    survivor = driver.find_element(By.CSS_SELECTOR, "table.records thead th.survivor").get_attribute("data-member")
    check(survivor == second, f"Ada's survivor is still record {second} after a reload")
finally:
    driver.quit()
    server.send_signal(signal.SIGINT)
    server.wait(timeout=20)

crmkit("dedupe", "apply", "merges.yaml", "--yes", "--sandbox", DB)
left = contacts()
names = [contact["name"] for contact in left]
check(names.count("Jane Doe") == 1, "Jane's records were merged")
check(names.count("Max Mustermann") == 2, "Max's rejected group was left alone")
adas = [contact for contact in left if contact["name"] == "Ada Lovelace"]
check(len(adas) == 1 and str(adas[0]["id"]) == second, "Ada's chosen survivor is the record kept")
check(adas[0].get("jobTitle") == "Analyst", "Ada's survivor took the job title only the first record had")
print("review browser test passed")
