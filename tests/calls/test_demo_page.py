"""The try-it page, end to end in headless Chromium with the official socket.io client."""

from __future__ import annotations

import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from tests.calls.conftest import subscribe
from tests.support.factories import PASSWORD


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='ph-chromium-')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


async def test_a_buyer_calls_from_the_demo_page(http, served, scene, browser):
    await subscribe(http, scene)
    wait = WebDriverWait(browser, 15)
    transcript = (By.ID, "transcript")

    browser.get(f"{served}/demo")
    browser.find_element(By.ID, "email").send_keys("demo.buyer@example.com")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "register").click()
    wait.until(ready.text_to_be_present_in_element((By.ID, "who"), "Signed in as Demo buyer"))
    browser.find_element(By.ID, "q").send_keys("sunny family")
    browser.find_element(By.ID, "city").send_keys("Austin")
    browser.find_element(By.ID, "go").click()
    call_button = (By.CSS_SELECTOR, f"button[data-id='{scene['home']['id']}']")
    wait.until(ready.element_to_be_clickable(call_button)).click()
    wait.until(ready.text_to_be_present_in_element(transcript, "Ask me about this home."))
    browser.find_element(By.ID, "say").send_keys("How much is it?", Keys.ENTER)
    wait.until(ready.text_to_be_present_in_element(transcript, "The asking price is $450,000."))
    browser.find_element(By.ID, "hangup").click()
    wait.until(ready.text_to_be_present_in_element((By.ID, "status"), "call ended"))
    call_id = browser.execute_script("return callId")

    login = await http.post("/api/auth/login", json={"email": "demo.buyer@example.com",
                                                     "password": PASSWORD})
    log = (await http.get(f"/api/calls/{call_id}", headers={
        "Authorization": f"Bearer {login.json()['access_token']}"})).json()
    assert browser.find_element(By.ID, "error").text == ""
    assert (log["status"], log["end_reason"]) == ("ended", "buyer_hung_up")
    assert [t["text"] for t in log["transcript"]] == [
        "Hi, I'm Ava! Ask me about this home.", "How much is it?",
        "The asking price is $450,000."]
