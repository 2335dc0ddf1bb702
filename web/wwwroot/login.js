// The key prompt: trades the API key once for an HttpOnly session cookie (the page never keeps the key itself).
const form = document.getElementById("login");
const key = document.getElementById("key");
const message = document.getElementById("message");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  message.textContent = "Signing in…";
  try {
    const response = await fetch("/api/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: key.value }),
    });
    if (response.ok) {
      location.assign("/");
      return;
    }

    const problem = await response.json();
    message.textContent = problem.detail || `${response.status} ${response.statusText}`;
  } catch (error) {
    message.textContent = `Sign-in failed: ${error.message}`;
  }
  key.select();
});
