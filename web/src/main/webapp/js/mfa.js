// TOTP enrolment: the server offers a secret and its otpauth:// URI (nothing stored yet), the page
// draws the URI as a QR code, and a code from the authenticator confirms it together with the
// password. No session needed, so a user whose roles require a second factor can enrol first.
import { encode } from '../vendor/uqr/dist/index.mjs';
import * as api from './api.js';

const MODULE_PIXELS = 5;
/** The quiet zone around the code that scanners need, in modules. */
const QUIET_MODULES = 4;
const secretForm = document.getElementById('secret-form');
const enrollForm = document.getElementById('enroll-form');
const errorLine = document.getElementById('mfa-error');
const done = document.getElementById('mfa-done');
let offer = null;

/** Draws `text` as a QR code onto `canvas`: dark modules black on white. */
function drawQr(canvas, text) {
  const qr = encode(text, { ecc: 'M', border: QUIET_MODULES });
  canvas.width = canvas.height = qr.size * MODULE_PIXELS;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  qr.data.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) {
      context.fillRect(x * MODULE_PIXELS, y * MODULE_PIXELS, MODULE_PIXELS, MODULE_PIXELS);
    }
  }));
}

function fail(error) {
  errorLine.textContent = error.message;
  errorLine.hidden = false;
}

secretForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  errorLine.hidden = true;
  done.hidden = true;
  try {
    offer = await api.totpSecret(secretForm.user.value.trim());
    drawQr(document.getElementById('qr'), offer.otpauth_uri);
    document.getElementById('mfa-secret').textContent = offer.secret;
    enrollForm.hidden = false;
    enrollForm.code.focus();
  } catch (error) {
    fail(error);
  }
});

enrollForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  errorLine.hidden = true;
  try {
    await api.enrollTotp({
      user: offer.user, password: secretForm.password.value,
      totp: secretForm.current.value.trim() || null, secret: offer.secret, code: enrollForm.code.value.trim(),
    });
    enrollForm.hidden = true;
    secretForm.reset();
    offer = null;
    done.textContent = 'Enrolled. Log in with a code from your authenticator from now on.';
    done.hidden = false;
  } catch (error) {
    fail(error);
  }
});

api.session().then((me) => {
  secretForm.user.value = me.user;
}, () => {});
