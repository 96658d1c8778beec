from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.models import User
from vakmanschap.organisations.models import Organisation, kvk_validator
from vakmanschap.region.models import Municipality

from .models import Commitment, NetworkMembership, SbiSection, SizeClass


def _kvk_field():
    return forms.CharField(
        label=_("KvK number"),
        min_length=8,
        max_length=8,
        validators=[kvk_validator],
        help_text=_("The 8-digit number in the Dutch Chamber of Commerce register."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class EmployerProfileForm(forms.Form):
    """The employer's details. Name and KvK number only the fund may change."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kvk_number = _kvk_field()
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    sector = forms.ChoiceField(label=_("SBI sector"), choices=[("", "–")] + SbiSection.choices)
    size_class = forms.ChoiceField(label=_("Size class"), choices=[("", "–")] + SizeClass.choices)

    def __init__(self, *args, organisation=None, fund=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if not fund:
            del self.fields["name"]
            del self.fields["kvk_number"]

    def clean_kvk_number(self):
        kvk = self.cleaned_data["kvk_number"]
        others = Organisation.objects.filter(kvk_number=kvk)
        if self.organisation is not None:
            others = others.exclude(pk=self.organisation.pk)
        if others.exists():
            raise forms.ValidationError(
                _("An organisation with this KvK number is already registered.")
            )
        return kvk

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Organisation.objects.filter(name__iexact=name, kind="employer")
        if self.organisation is not None:
            others = others.exclude(pk=self.organisation.pk)
        if others.exists():
            raise forms.ValidationError(_("An employer with this name is already registered."))
        return name


class EmployerRegistrationForm(EmployerProfileForm):
    first_staff_email = forms.EmailField(
        label=_("E-mail address of the first staff member"),
        help_text=_("We send this person an invitation link to create their account."),
    )


class InviteStaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if (
            self.organisation is not None
            and self.organisation.memberships.filter(
                user__email__iexact=email, role="employer_staff"
            ).exists()
        ):
            raise forms.ValidationError(_("This person is already on your staff."))
        return email


class PledgeForm(forms.ModelForm):
    class Meta:
        model = NetworkMembership
        fields = [c.value for c in Commitment] + ["public_listing"]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(c.value) for c in Commitment):
            self.add_error(
                Commitment.DEVELOPMENT_CONVERSATION.value, _("Tick at least one commitment.")
            )
        return cleaned


class NewAccountForm(forms.Form):
    """For an invitee without an account: name and password."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password2(self):
        p1, p2 = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if p1 and p2 and p1 != p2:
            raise forms.ValidationError(_("The two passwords differ."))
        return p2

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password:
            try:
                password_validation.validate_password(
                    password, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
