/** Where model downloads go unless the user names a mirror (Settings). */
export const HUB_URL = 'https://huggingface.co';
