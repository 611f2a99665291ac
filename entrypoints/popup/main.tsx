// When the popup's code starts running (the bench compares it with when results are on screen).
performance.mark('kefu:popup-script');
import { render } from 'preact';
import { PopupApp } from '../../components/popup/popup-app';
// The styles travel inside this script, not as stylesheets of their own: two fewer files for the
// browser to fetch before the popup's first frame (every extension file is a round trip through
// the browser process, which costs most when the machine is busy).
import pageCss from '../../components/page.css?inline';
import popupCss from '../../components/popup/popup.css?inline';

const style = document.createElement('style');
style.textContent = pageCss + popupCss;
document.head.append(style);

render(<PopupApp />, document.getElementById('app')!);
