"""Sign-up, log-in, log-out and password reset. Sign-up, log-in and password-reset POSTs
are rate-limited: per client address, and log-in and reset also per account name or e-mail
address typed in, since guessing one password or flooding one mailbox can come from many
addresses."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.second_factor import needs_second_factor, totp_device_of
from accounts.signup import member_signup
from accounts.staff_log import staff_account_named
from accounts.terms import TERMS_VERSION
from core.errors import ServiceError
from web.forms import QueuedPasswordResetForm, SignupForm
from web.ratelimits import limit_posts, posted
from web.signin import pending_start, record


@limit_posts("signup", "SIGNUP_RATE")
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = member_signup(
                username=data["username"],
                email=data["email"],
                password=data["password"],
                terms_version=data["terms_version"],
                language=request.LANGUAGE_CODE,
            )
        except ServiceError as error:
            form.add_error("username", error.message)
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Candid, %(name)s.") % {"name": user.username})
            return redirect("email_verify_sent")
    status = 400 if form.errors else 200
    context = {"form": form, "terms_version": TERMS_VERSION}
    return render(request, "accounts/signup.html", context, status=status)


class SignInView(auth_views.LoginView):
    """The password step. Who needs a second factor (moderators and admins always) goes on
    to the code, or to setting up an authenticator (web/signin.py); failed passwords for
    staff accounts are logged as staff sign-ins."""

    def form_valid(self, form):
        user = form.get_user()
        if not needs_second_factor(user):
            return super().form_valid(form)
        pending_start(self.request, user, self.get_success_url())
        step = "second_factor_verify" if totp_device_of(user) else "second_factor_setup"
        return redirect(step)

    def form_invalid(self, form):
        staff = staff_account_named(form.data.get("username", ""))
        if staff is not None:
            record(self.request, staff, outcome="failed", step="password")
        return super().form_invalid(form)


TOO_MANY_LOGINS = gettext_lazy(
    "Too many log-in attempts for this account in a short time. Please wait a while and try "
    "again, or reset your password."
)
TOO_MANY_RESETS = gettext_lazy(
    "Too many password-reset requests in a short time. Please wait a while and try again; "
    "check your inbox (and spam folder) for the messages already sent."
)

login = limit_posts("login", "LOGIN_RATE")(
    limit_posts(
        "login-account",
        "CANDID_LOGIN_ACCOUNT_RATE",
        key=posted("username"),
        message=TOO_MANY_LOGINS,
    )(SignInView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True))
)
logout = auth_views.LogoutView.as_view()

password_reset = limit_posts("password-reset", "CANDID_PASSWORD_RESET_RATE")(
    limit_posts(
        "password-reset-email",
        "CANDID_PASSWORD_RESET_EMAIL_RATE",
        key=posted("email"),
        message=TOO_MANY_RESETS,
    )(
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        )
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
