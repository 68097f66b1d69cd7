// The Vant components the phone pages use, each with its own stylesheet (built into the
// page's CSS file, so `style-src 'self'` holds). Import from here, not from 'vant' directly.
import 'vant/es/button/style/index';
import 'vant/es/cell/style/index';
import 'vant/es/cell-group/style/index';
import 'vant/es/field/style/index';
import 'vant/es/loading/style/index';
import 'vant/es/radio/style/index';
import 'vant/es/radio-group/style/index';
import 'vant/es/tag/style/index';
import 'vant/es/uploader/style/index';

export { Button as VanButton } from 'vant/es/button/index';
export { Field as VanField } from 'vant/es/field/index';
export { Radio as VanRadio } from 'vant/es/radio/index';
export { RadioGroup as VanRadioGroup } from 'vant/es/radio-group/index';
export { Tag as VanTag } from 'vant/es/tag/index';
export { Uploader as VanUploader } from 'vant/es/uploader/index';
export type { UploaderFileListItem } from 'vant/es/uploader/types';
