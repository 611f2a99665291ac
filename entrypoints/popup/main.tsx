import { render } from 'preact';
render(<p>客服工具箱</p>, document.getElementById('app')!);
