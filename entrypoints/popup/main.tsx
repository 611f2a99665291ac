// When the popup's code starts running (the bench compares it with when results are on screen).
performance.mark('kefu:popup-script');
import { render } from 'preact';
import { PopupApp } from '../../components/popup/popup-app';
import '../../components/page.css';

render(<PopupApp />, document.getElementById('app')!);
