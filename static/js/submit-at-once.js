// The logout's last step goes on by itself; without JavaScript she presses the button.
document.querySelector("form[data-submit-at-once]")?.submit();
