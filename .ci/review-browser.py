"""Browser test of `crmkit review`: a real Chromium driven by Selenium (chromium-driver from Debian).

Merge plans: plants three pairs of duplicates in a fresh sandbox, writes a merge plan, reviews it
in the page (reject one group, accept one, change the survivor of a third), reloads and checks the
page shows the decisions, then runs `crmkit dedupe apply --yes` on the saved file and checks the CRM.

Import conflicts: imports a file whose three rows each share a family or office address with a
different person already in the CRM (so each is left alone as a conflict), opens the run in the
page, decides create for one, skip for another and update for the third, reloads and checks the
decisions, runs `crmkit runs resume` and checks the CRM over the API.

Saves a screenshot of a merge group and of a conflict for docs/review.md.

usage: review-browser.py CRMKIT WORKDIR GROUP.png CONFLICT.png
"""
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CRMKIT, WORK, SCREENSHOT, CONFLICT_SCREENSHOT = sys.argv[1:5]
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


def crmkit(*arguments, allowed=(0,)):
    result = subprocess.run([CRMKIT, *arguments], cwd=WORK, capture_output=True, text=True)
    if result.returncode not in allowed:
        sys.exit(f"crmkit {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def contacts(db=DB):
    return json.loads(crmkit("contacts", "list", "--size", "100", "--json", "--sandbox", db))["items"]


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

def start_review(target):
    process = subprocess.Popen([CRMKIT, "review", target, "--no-open"], cwd=WORK, stdout=subprocess.PIPE, text=True)
    first = process.stdout.readline().strip()
    check(first.startswith("review http://127.0.0.1:"), f"the server prints its address for {target}")
    return process, first.split(" ", 1)[1]


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1050", "--lang=en"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 10)


def open_group(name):
    _, number = click((By.XPATH, f'//ol[@id="list"]/li[contains(., "{name}")]'))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#group h2"), f"Group {number} "))
    return number


def click(locator):
    """Clicks what `locator` finds, (By.ID, "reject") for instance. The page redraws the list and
    the group when an earlier action's answer arrives (an accept moves on to the next group), so
    an element found a moment before may have been replaced: find it again and click that one.
    Answers the text and attributes of the element clicked."""
    for _ in range(20):
        try:
            element = wait.until(EC.element_to_be_clickable(locator))
            seen = (element.text, element.get_attribute("data-group"))
            element.click()
            return seen
        except StaleElementReferenceException:
            continue
    raise RuntimeError(f"{locator} kept being redrawn")


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
    click((By.ID, "reject"))
    wait.until(lambda d: "1 of 3 groups left" in d.find_element(By.ID, "counts").text)
    press("u")
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#group h2"), f"Group {max_group} "))
    band_becomes("link")
    check("2 of 3 groups left" in driver.find_element(By.ID, "counts").text, "undo puts the rejected group back")
    click((By.ID, "reject"))
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

# Import conflicts: three rows, each sharing an address with someone else already in the CRM.
CONFLICT_DB = os.path.join(WORK, "conflicts.sqlite")
HOUSEHOLDS = [
    {"name": "John Smith", "email": [{"value": "john.smith@gmail.com"}, {"value": "family@smiths.example"}],
     "phone": [{"value": "+1 415 555 0101"}]},
    {"name": "Tom Baker", "email": [{"value": "tom.baker@gmail.com"}, {"value": "home@bakers.example"}],
     "phone": [{"value": "+1 303 555 0111"}]},
    {"name": "Peter Brown", "email": [{"value": "peter.brown@gmail.com"}, {"value": "home@browns.example"}],
     "phone": [{"value": "+1 617 555 0122"}]},
]
ids = {}
for person in HOUSEHOLDS:
    created = json.loads(crmkit("contacts", "create", "--sandbox", CONFLICT_DB, "--json", "--data", json.dumps(person)))
    ids[person["name"]] = str(created["id"])
with open(os.path.join(WORK, "people.csv"), "w", newline="") as out:
    out.write("First Name,Last Name,E-mail Address,E-mail 2 Address,Mobile Phone,Job Title\r\n")
    out.write("Jane,Smith,jane.smith@yahoo.com,family@smiths.example,+1 415 555 0199,\r\n")
    out.write("Tina,Baker,tina.baker@yahoo.com,home@bakers.example,+1 303 555 0188,\r\n")
    out.write("Susan,Brown,susan.brown@yahoo.com,home@browns.example,+1 617 555 0177,Architect\r\n")
MAPPING = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mappings", "outlook-contacts.yaml")
crmkit("import", "people.csv", "--mapping", MAPPING, "--yes", "--sandbox", CONFLICT_DB, allowed=(0, 65))
runs = sorted(os.listdir(os.path.join(WORK, ".crmkit", "runs")))
run_name = [name for name in runs if os.path.exists(os.path.join(WORK, ".crmkit", "runs", name, "plan.json"))][-1]
run_dir = os.path.join(".crmkit", "runs", run_name)
decisions_file = os.path.join(WORK, run_dir, "conflicts.yaml")
check(os.path.exists(decisions_file), "the run wrote conflicts.yaml")
check(open(decisions_file).read().count("decision: undecided") == 3, "three rows are left alone, undecided")

server, url = start_review(run_dir)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 10)


def open_conflict(name):
    text, _ = click((By.XPATH, f'//ol[@id="list"]/li[contains(., "{name}")]'))
    line = text.split("line ", 1)[1].split(" ", 1)[0]
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#group h2"), f"people.csv:{line} "))
    return line


def left(count):
    wait.until(lambda d: f"{count} of 3 conflicts left" in d.find_element(By.ID, "counts").text)


def decision_is(text):
    wait.until(EC.text_to_be_present_in_element((By.ID, "decision"), text))


try:
    driver.get(url)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#list li")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#list li")) == 3, "three conflicts listed")
    left(3)

    open_conflict("Jane Smith")
    driver.save_screenshot(CONFLICT_SCREENSHOT)
    check("from people.csv:2" in driver.find_element(By.CSS_SELECTOR, "th.row-side").text,
          "the row is marked with its file and line")
    check(len(driver.find_elements(By.CSS_SELECTOR, "td.differs")) > 0, "differing values are highlighted")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".bar.against")) > 0, "evidence bars are drawn")
    check("given names differ" in driver.find_element(By.ID, "group").text, "the reasons are shown")
    press("c")
    left(2)

    open_conflict("Tina Baker")
    click((By.ID, "skip"))
    left(1)

    open_conflict("Susan Brown")
    press("1")
    left(0)
    press("u")
    left(1)
    open_conflict("Susan Brown")
    decision_is("undecided")
    check(True, "undo puts Susan's conflict back to undecided")
    click((By.CSS_SELECTOR, "button.update"))
    left(0)

    driver.refresh()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#list li")))
    left(0)
    open_conflict("Jane Smith")
    decision_is("create")
    check(True, "Jane's conflict shows create after a reload")
    open_conflict("Tina Baker")
    decision_is("skip")
    check(True, "Tina's conflict shows skip after a reload")
    open_conflict("Susan Brown")
    decision_is("update " + ids["Peter Brown"])
    check(True, "Susan's conflict shows update of Peter's record after a reload")
    driver.find_element(By.ID, "decided").send_keys("undecided")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#list li")) == 0)
    check(True, "the undecided filter shows none left")
finally:
    driver.quit()
    server.send_signal(signal.SIGINT)
    server.wait(timeout=20)

saved = open(decisions_file).read()
check("decision: create" in saved and "decision: skip" in saved and f"decision: update {ids['Peter Brown']}" in saved,
      "the decisions are saved in conflicts.yaml")
crmkit("runs", "resume", run_name, "--sandbox", CONFLICT_DB)
after = {contact["name"]: contact for contact in contacts(CONFLICT_DB)}
check("Jane Smith" in after and str(after["Jane Smith"]["id"]) not in ids.values(), "Jane was created as a new contact")
check("Tina Baker" not in after and "Tom Baker" in after, "Tina's row was skipped; Tom is untouched")
check("Susan Brown" in after and str(after["Susan Brown"]["id"]) == ids["Peter Brown"],
      "Susan's row was written onto the candidate record")
check(after["Susan Brown"].get("jobTitle") == "Architect", "the candidate holds the row's values")
check("John Smith" in after and len(after) == 4, "John is untouched and nothing else was created")
crmkit("runs", "resume", run_name, "--sandbox", CONFLICT_DB)
check(len(contacts(CONFLICT_DB)) == 4, "a second resume writes nothing")
print("review browser test passed")
