import { render } from 'preact';
import { PopupApp } from '../../components/popup/popup-app';
import '../../components/page.css';

render(<PopupApp />, document.getElementById('app')!);
